/**
 * The decisions on one queue item as signals: which step is open (the four decisions, the delete
 * confirmation, the ban form, the ban confirmation), what the moderator typed and chose, and how
 * the last decision went. Dismiss and hide act at once (both can be undone by another decision);
 * delete and ban ask first. A ban always goes with hiding or deleting the comment, because the
 * contract's action names what happens to the comment and the ban rides along.
 */
import { batch, signal } from '@preact/signals';
import type { QueueItem } from '../../../shared/api.ts';
import { codeOf } from '../../../shared/client.ts';
import { MODERATION_REASON_MAX } from '../../../shared/limits.ts';
import { type AuditAction, type BanDuration, banDurations } from '../../../shared/vocabulary.ts';
import type { Decision, QueueStore } from './queue.ts';

export const REASON_MAX = MODERATION_REASON_MAX;
export const BAN_DURATIONS = banDurations;

export type ModerationStep = 'idle' | 'delete' | 'ban' | 'banConfirm';
export type ModerationDone = Exclude<
  AuditAction,
  'settings' | 'unban' | 'close' | 'reopen' | 'pin' | 'unpin' | 'team'
>;
/** What happens to the comment of the author being banned. */
export type BanWith = 'delete' | 'hide';

export type ModerationStore = ReturnType<typeof createModerationStore>;

/** One store per queue item: a decision needs only the item's id and site, which never change. */
export function createModerationStore(queue: QueueStore, item: QueueItem) {
  const step = signal<ModerationStep>('idle');
  const busy = signal(false);
  /** The error code of the last decision sent. */
  const error = signal<string | null>(null);
  const done = signal<ModerationDone | null>(null);
  /** The step cancelled last: the button that opened it takes the focus back. */
  const cancelled = signal<'delete' | 'ban' | null>(null);
  const logReason = signal('');
  const duration = signal<BanDuration>('1d');
  const banWith = signal<BanWith>('delete');
  const banReason = signal('');
  const reasonMissing = signal(false);

  function open(next: 'delete' | 'ban') {
    batch(() => {
      error.value = null;
      done.value = null;
      cancelled.value = null;
      reasonMissing.value = false;
      if (next === 'delete') logReason.value = '';
      else banReason.value = '';
      step.value = next;
    });
  }

  function cancel() {
    batch(() => {
      cancelled.value = step.value === 'delete' ? 'delete' : 'ban';
      error.value = null;
      step.value = 'idle';
    });
  }

  async function send(decision: Decision, what: ModerationDone) {
    if (busy.value) return;
    batch(() => {
      busy.value = true;
      error.value = null;
      done.value = null;
    });
    try {
      await queue.act(item, decision);
      batch(() => {
        step.value = 'idle';
        done.value = what;
      });
    } catch (failure) {
      error.value = codeOf(failure);
    } finally {
      busy.value = false;
    }
  }

  const dismiss = () => send({ action: 'dismiss' }, 'dismiss');
  const hide = () => send({ action: 'hide' }, 'hide');
  const unhide = () => send({ action: 'unhide' }, 'unhide');
  const restore = () => send({ action: 'restore' }, 'restore');

  function deleteComment() {
    const reason = logReason.value.trim();
    return send({ action: 'delete', ...(reason ? { reason } : {}) }, 'delete');
  }

  /** The ban form's "Продолжить": false, and nothing moves on, while the reason is empty. */
  function confirmBan(): boolean {
    const missing = !banReason.value.trim();
    batch(() => {
      reasonMissing.value = missing;
      if (!missing) step.value = 'banConfirm';
    });
    return !missing;
  }

  function ban() {
    const reason = banReason.value.trim();
    return send({ action: banWith.value, reason, ban: { duration: duration.value, reason } }, 'ban');
  }

  return {
    step,
    busy,
    error,
    done,
    cancelled,
    logReason,
    duration,
    banWith,
    banReason,
    reasonMissing,
    open,
    cancel,
    dismiss,
    hide,
    unhide,
    restore,
    deleteComment,
    confirmBan,
    ban,
  };
}
