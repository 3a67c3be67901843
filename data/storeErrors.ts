/** A store file that is not valid JSON: names the file and the position, so it can be fixed by hand. */
export class StoreParseError extends Error {
  override name = 'StoreParseError';
}

/** A store file that parses but is not a desk store (wrong shape, or shop data that fails validation). */
export class StoreFormatError extends Error {
  override name = 'StoreFormatError';
}

/** Another live process holds the store; two writers on one lowdb file lose each other's writes. */
export class StoreLockedError extends Error {
  override name = 'StoreLockedError';
}

/** The error botbuilder's own storages throw on a lost compare-and-set, so callers can retry alike. */
export class ETagConflictError extends Error {
  override name = 'ETagConflictError';
}
