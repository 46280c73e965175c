/** @jsxRuntime classic */
/** @jsx h */
/**
 * "Уведомления": the signed-in reader's replies and the decisions on what they reported, a lazily
 * loaded chunk of its own (scripts/bundle-size.ts NOTIFICATIONS_CHUNK). Like the account menu it
 * imports only types, its texts and styles, and is handed Preact by the account area (MenuKit).
 * Each item links to its comment's permalink; opening the list marks what it shows read.
 */
// biome-ignore lint/correctness/noUnusedImports: the JSX below compiles to h (the classic runtime)
import type { h } from 'preact';
import type { NotificationView } from '../../../../shared/api.ts';
import { notificationDictionaries } from '../../../../shared/i18n/notifications/dictionaries.ts';
import type { WidgetApi } from '../../api.ts';
import type { MenuKit } from '../account-menu/account-menu.tsx';
import css from './notification-list.css?inline';

export interface NotificationListProps {
  kit: MenuKit;
  api: WidgetApi;
  /** The unread count after opening: the signed-in bar shows it. */
  onRead(unread: number): void;
  onClose(): void;
}

export function NotificationList({ kit, api, onRead, onClose }: NotificationListProps) {
  // biome-ignore lint/correctness/noUnusedVariables: the JSX below compiles to h
  const { h, locale, failureText, adoptStyles, fill } = kit;
  const { useEffect, useLayoutEffect, useRef, useState } = kit.hooks;
  const n = notificationDictionaries[locale.lang];
  const [items, setItems] = useState<NotificationView[] | null>(null);
  const [error, setError] = useState('');
  const box = useRef<HTMLDivElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  useLayoutEffect(() => {
    const root = box.current?.getRootNode();
    if (root instanceof ShadowRoot || root instanceof Document) return adoptStyles(root, css);
  }, []);
  useLayoutEffect(() => heading.current?.focus(), []);
  useEffect(() => {
    api.call('GET /api/sites/:site/notifications').then(
      (list) => {
        setItems(list.notifications);
        const fresh = list.notifications.filter((item) => !item.read).map((item) => item.id);
        if (fresh.length === 0) return onRead(list.unread);
        // Shown is read; the item keeps its "new" mark until the list is opened again.
        api.call('POST /api/sites/:site/notifications/read', { body: { ids: fresh } }).then(
          () => onRead(Math.max(0, list.unread - fresh.length)),
          (failure) => setError(failureText(locale, failure)),
        );
      },
      (failure) => setError(failureText(locale, failure)),
    );
  }, []);

  return (
    <div class="notifications" ref={box} aria-busy={items === null && !error}>
      <h3 ref={heading} tabIndex={-1}>
        {n.title}
      </h3>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : items === null ? (
        <p>{n.loading}</p>
      ) : items.length === 0 ? (
        <p>{n.empty}</p>
      ) : (
        <ul>
          {items.map((item) => (
            <li key={item.id} class={item.read ? '' : 'fresh'}>
              <a href={item.link}>
                <strong>
                  {item.reply
                    ? fill(n.replied, { name: item.reply.author || n.deletedUser })
                    : n.complaintDecided}
                </strong>
                {!item.read && <span class="mark"> · {n.unread}</span>}
              </a>
              {item.reply ? (
                <p class={item.reply.text === null ? 'gone' : 'text'}>{item.reply.text ?? n.replyGone}</p>
              ) : (
                <p class="text">{item.outcome === 'removed' ? n.removed : n.left}</p>
              )}
              {item.pageTitle && <p class="page">{fill(n.onPage, { title: item.pageTitle })}</p>}
            </li>
          ))}
        </ul>
      )}
      <div class="actions">
        <button type="button" class="link" onClick={onClose}>
          {n.close}
        </button>
      </div>
    </div>
  );
}
