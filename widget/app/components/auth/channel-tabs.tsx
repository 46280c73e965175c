import type { ComponentChildren, JSX } from 'preact';
import type { Channel } from '../../../../shared/api.ts';
import { useAuthText } from './auth-text.ts';

const CHANNELS: Channel[] = ['phone', 'email'];

/**
 * "По телефону · По эл. почте" as a WAI-ARIA tablist: arrows, Home and End move between the tabs
 * (and select them), Tab goes on into the panel holding the contact field.
 */
export function ChannelTabs(props: {
  idPrefix: string;
  channel: Channel;
  onChange(channel: Channel): void;
  children: ComponentChildren;
}) {
  const { a } = useAuthText();
  const { idPrefix, channel, onChange } = props;
  const tabId = (c: Channel) => `${idPrefix}-tab-${c}`;

  const onKeyDown = (event: JSX.TargetedKeyboardEvent<HTMLDivElement>) => {
    const index = CHANNELS.indexOf(channel);
    const next =
      event.key === 'ArrowRight' || event.key === 'ArrowDown'
        ? (index + 1) % CHANNELS.length
        : event.key === 'ArrowLeft' || event.key === 'ArrowUp'
          ? (index + CHANNELS.length - 1) % CHANNELS.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? CHANNELS.length - 1
              : -1;
    if (next < 0) return;
    event.preventDefault();
    onChange(CHANNELS[next]!);
    // The tab buttons stay in the DOM, so the new one can take focus right away.
    (event.currentTarget.querySelector(`#${tabId(CHANNELS[next]!)}`) as HTMLElement | null)?.focus();
  };

  return (
    <>
      <div class="tabs" role="tablist" aria-label={a.channels.label} onKeyDown={onKeyDown}>
        {CHANNELS.map((c) => (
          <button
            key={c}
            type="button"
            role="tab"
            id={tabId(c)}
            aria-selected={c === channel}
            aria-controls={`${idPrefix}-panel`}
            tabIndex={c === channel ? 0 : -1}
            onClick={() => onChange(c)}
          >
            {a.channels[c]}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${idPrefix}-panel`} aria-labelledby={tabId(channel)}>
        {props.children}
      </div>
    </>
  );
}
