import type { DeskStore } from '../deskStore.js';
import { AgentRepository } from './agentRepository.js';
import { BusinessLineRepository } from './businessLineRepository.js';
import { BuyerRepository } from './buyerRepository.js';
import { KnowledgeBaseRepository } from './knowledgeBaseRepository.js';
import { MerchantRepository } from './merchantRepository.js';
import { OrderRepository } from './orderRepository.js';

/** Every typed repository over one store, built together so the rest of the desk takes one object. */
export interface Repositories {
  businessLines: BusinessLineRepository;
  merchants: MerchantRepository;
  buyers: BuyerRepository;
  orders: OrderRepository;
  agents: AgentRepository;
  knowledgeBase: KnowledgeBaseRepository;
}

export function createRepositories(store: DeskStore): Repositories {
  return {
    businessLines: new BusinessLineRepository(store, 'businessLines'),
    merchants: new MerchantRepository(store, 'merchants'),
    buyers: new BuyerRepository(store, 'buyers'),
    orders: new OrderRepository(store, 'orders'),
    agents: new AgentRepository(store, 'agents'),
    knowledgeBase: new KnowledgeBaseRepository(store, 'knowledgeBase'),
  };
}
