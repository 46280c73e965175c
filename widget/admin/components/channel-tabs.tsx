import { useRef } from 'preact/hooks';
import type { Channel } from '../../../shared/api.ts';
import { useLocale } from '../i18n.ts';

const channels: Channel[] = ['phone', 'email'];

export const tabId = (channel: Channel) => `pikir-admin-tab-${channel}`;
export const PANEL_ID = 'pikir-admin-signin-panel';

/**
 * "По телефону" / "По эл. почте" as ARIA tabs: one tab stop, arrow keys, Home and End move
 * between them and select at once (there are only two, so there is nothing to preview).
 */
export function ChannelTabs({ value, onChange }: { value: Channel; onChange: (next: Channel) => void }) {
  const { a } = useLocale();
  const refs = useRef<Partial<Record<Channel, HTMLButtonElement | null>>>({});

  const move = (event: KeyboardEvent) => {
    const index = channels.indexOf(value);
    const target =
      event.key === 'ArrowRight' || event.key === 'ArrowDown'
        ? channels[(index + 1) % channels.length]
        : event.key === 'ArrowLeft' || event.key === 'ArrowUp'
          ? channels[(index + channels.length - 1) % channels.length]
          : event.key === 'Home'
            ? channels[0]
            : event.key === 'End'
              ? channels[channels.length - 1]
              : undefined;
    if (!target) return;
    event.preventDefault();
    onChange(target);
    refs.current[target]?.focus();
  };

  return (
    <div class="tabs" role="tablist" aria-label={a.signIn.channels}>
      {channels.map((channel) => (
        <button
          key={channel}
          ref={(el) => {
            refs.current[channel] = el;
          }}
          type="button"
          role="tab"
          id={tabId(channel)}
          class="tab"
          aria-selected={channel === value}
          aria-controls={PANEL_ID}
          tabIndex={channel === value ? 0 : -1}
          onClick={() => onChange(channel)}
          onKeyDown={move}
        >
          {a.signIn[channel]}
        </button>
      ))}
    </div>
  );
}
