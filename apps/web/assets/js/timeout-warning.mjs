/* global document, window, fetch, FormData, URLSearchParams, setTimeout, clearTimeout, setInterval, clearInterval */
// The idle-timeout warning (GOV.UK / HMCTS timeout warning pattern), an enhancement only: without
// JavaScript the session simply ends after SESSION_IDLE_MINUTES and the sign-in page says why.
//
// Shortly before the session would end (2 minutes, or half the limit when it is shorter than
// 4 minutes) a modal dialog opens with focus on "Stay signed in", a countdown on screen and a
// calmer one for screen readers (an aria-live region updated every 15 seconds, then at the end).
// "Stay signed in" (or Escape) POSTs the keep-alive route, which restarts the server's idle clock
// as any request does; "Sign out" submits the sign-out. When time runs out, the page is left for
// the sign-in page, so nothing stays on an unattended screen.

const WARNING_MS = 2 * 60 * 1000;
const ANNOUNCE_EVERY_S = 15;

function inWords(seconds) {
  if (seconds >= 60) {
    const minutes = Math.ceil(seconds / 60);
    return `${minutes} minute${minutes === 1 ? '' : 's'}`;
  }
  return `${seconds} second${seconds === 1 ? '' : 's'}`;
}

export function initTimeoutWarning(dialog = document.querySelector('[data-module="app-timeout-warning"]')) {
  if (!dialog || typeof dialog.showModal !== 'function') return;
  const idleMs = Number(dialog.dataset.idleSeconds) * 1000;
  if (!(idleMs > 0)) return;
  const warningMs = Math.min(WARNING_MS, idleMs / 2);
  const form = dialog.querySelector('form');
  const stay = dialog.querySelector('[data-timeout-action="stay"]');
  const countdown = dialog.querySelector('.app-timeout-warning__countdown');
  const countdownFixed = dialog.querySelector('.app-timeout-warning__countdown-fixed');
  const live = dialog.querySelector('.app-timeout-warning__live');

  let lastRequestAt = Date.now(); // this page's own request restarted the server's clock
  let timer = null;
  let ticker = null;
  let returnFocusTo = null;

  const endsAt = () => lastRequestAt + idleMs;
  const secondsLeft = () => Math.max(0, Math.ceil((endsAt() - Date.now()) / 1000));

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(open, Math.max(0, endsAt() - warningMs - Date.now()));
  }

  function open() {
    returnFocusTo = document.activeElement;
    const left = secondsLeft();
    countdown.textContent = inWords(left);
    countdownFixed.textContent = inWords(left);
    live.textContent = '';
    dialog.showModal();
    stay.focus();
    let announced = left;
    clearInterval(ticker);
    ticker = setInterval(() => {
      const now = secondsLeft();
      countdown.textContent = inWords(now);
      if (now <= 0) return timedOut();
      if (announced - now >= ANNOUNCE_EVERY_S) {
        announced = now;
        live.textContent = `You will be signed out in ${inWords(now)}.`;
      }
    }, 1000);
  }

  function close() {
    clearInterval(ticker);
    if (dialog.open) dialog.close();
    if (returnFocusTo && typeof returnFocusTo.focus === 'function') returnFocusTo.focus();
  }

  function timedOut() {
    clearInterval(ticker);
    live.textContent = 'You have been signed out.';
    // A moment after the server's own limit, so the sign-in page can say why.
    setTimeout(() => window.location.assign('/sign-in'), 1000);
  }

  async function staySignedIn() {
    try {
      const answer = await fetch(form.action, {
        method: 'POST',
        body: new URLSearchParams(new FormData(form)),
        credentials: 'same-origin',
        redirect: 'manual',
      });
      if (answer.status !== 204) return window.location.assign('/sign-in');
    } catch {
      return; // offline for a moment: the dialog stays, and the person can try again
    }
    lastRequestAt = Date.now();
    close();
    schedule();
  }

  form.addEventListener('submit', (event) => {
    // "Sign out" submits the form to /sign-out as it is; "Stay signed in" is sent in the background.
    if (event.submitter && event.submitter.dataset.timeoutAction === 'sign-out') return;
    event.preventDefault();
    void staySignedIn();
  });
  // Escape means "stay", as in the pattern: the dialog must not just vanish with the clock running.
  dialog.addEventListener('cancel', (event) => {
    event.preventDefault();
    void staySignedIn();
  });
  schedule();
}
