import type { OfferView } from '@switchboard/shared-contracts';

/**
 * What tells an agent an offer came in when their eyes are elsewhere: a short chime, and a desktop
 * notification while the console is in the background (only once the agent allowed them — the
 * console asks when they click, never on its own).
 */

type AudioContextClass = new () => AudioContext;

let audio: AudioContext | null = null;

/** Two short tones (no sound file to load). Browsers keep audio silent until the page was used. */
export function playOfferChime(): void {
  const Context = (globalThis as { AudioContext?: AudioContextClass }).AudioContext;
  if (!Context) return;
  try {
    audio ??= new Context();
    const start = audio.currentTime;
    for (const [offset, frequency] of [
      [0, 880],
      [0.18, 1175],
    ] as const) {
      const oscillator = audio.createOscillator();
      const gain = audio.createGain();
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.12, start + offset);
      gain.gain.exponentialRampToValueAtTime(0.001, start + offset + 0.16);
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start(start + offset);
      oscillator.stop(start + offset + 0.17);
    }
  } catch {
    // No sound is better than a broken console.
  }
}

export type NotificationChoice = 'unsupported' | NotificationPermission;

export function notificationChoice(): NotificationChoice {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/** Asks the browser for permission; call it from the agent's click only. */
export async function askForNotifications(): Promise<NotificationChoice> {
  if (typeof Notification === 'undefined') return 'unsupported';
  return await Notification.requestPermission();
}

/** A desktop notification for the offer, when allowed and the console is not in front. Clicking it brings the console back. */
export function notifyOffer(offer: OfferView, clientName: string | null): void {
  if (notificationChoice() !== 'granted' || document.visibilityState === 'visible') return;
  const notification = new Notification(`New ${offer.channel} offer${clientName ? ` · ${clientName}` : ''}`, {
    body: `${offer.ticket.reference} · ${offer.ticket.contactName}: ${offer.ticket.preview}`.slice(0, 180),
    tag: offer.id,
    requireInteraction: false,
  });
  notification.onclick = () => {
    window.focus();
    notification.close();
  };
}
