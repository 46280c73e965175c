import type { ComponentChildren, JSX } from 'preact';
import { channels as CHANNELS, type Channel } from '../../shared/vocabulary.ts';

/**
 * "По телефону · По эл. почте" as a WAI-ARIA tablist, in the widget's account flows and the
 * panel's sign-in: one tab stop; arrows, Home and End move between the tabs and select them at
 * once (there are only two, so there is nothing to preview); Tab goes on into the panel, which
 * holds the children.
 */
export function ChannelTabs(props: {
  /** The tabs are `${idPrefix}-tab-phone` and `-tab-email`, the panel `${idPrefix}-panel`. */
  idPrefix: string;
  /** The tablist's name and each tab's. */
  texts: Readonly<Record<Channel | 'label', string>>;
  channel: Channel;
  onChange(channel: Channel): void;
  /** Classes for the app's own sheet (the panel's draws its tabs and panel as cards). */
  tabClass?: string;
  panelClass?: string;
  children: ComponentChildren;
}) {
  const { idPrefix, channel, onChange } = props;
  const panelId = `${idPrefix}-panel`;
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
    // The tab buttons stay in the DOM, in CHANNELS order, so the new one can take focus right away.
    (event.currentTarget.children[next] as HTMLElement).focus();
  };

  return (
    <>
      <div class="tabs" role="tablist" aria-label={props.texts.label} onKeyDown={onKeyDown}>
        {CHANNELS.map((c) => (
          <button
            key={c}
            type="button"
            role="tab"
            id={tabId(c)}
            class={props.tabClass}
            aria-selected={c === channel}
            aria-controls={panelId}
            tabIndex={c === channel ? 0 : -1}
            onClick={() => onChange(c)}
          >
            {props.texts[c]}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={panelId} aria-labelledby={tabId(channel)} class={props.panelClass}>
        {props.children}
      </div>
    </>
  );
}
