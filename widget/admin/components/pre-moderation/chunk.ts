/** What the pre-moderation chunk holds (lazy.tsx loads it). */
export { PreModerationFields } from './fields.tsx';
export { HeldQueue } from './held-queue.tsx';
