/**
 * The whole HTTP contract: every endpoint once, by route group. Import this module only on the
 * server; clients import its types (`import type`), so no schema reaches a reader's page.
 */
import { accountEndpoints } from './accounts.ts';
import { adminEndpoints } from './admin.ts';
import { commentEndpoints } from './comments.ts';
import type { AnswerOf, ClientInput, ServerInput } from './endpoint.ts';
import { liveEndpoints } from './live.ts';
import { notificationEndpoints } from './notifications.ts';
import { reactionEndpoints } from './reactions.ts';
import { threadEndpoints } from './threads.ts';

export const contract = {
  ...threadEndpoints,
  ...accountEndpoints,
  ...commentEndpoints,
  ...notificationEndpoints,
  ...adminEndpoints,
  ...liveEndpoints,
  ...reactionEndpoints,
} as const;

export type Contract = typeof contract;
export type Endpoint = keyof Contract;

export type Input<K extends Endpoint> = ServerInput<Contract, K>;
export type Request<K extends Endpoint, Bound extends string = never> = ClientInput<Contract, K, Bound>;
export type Answer<K extends Endpoint> = AnswerOf<Contract, K>;
