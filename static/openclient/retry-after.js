// "When may I try again": the server's Retry-After (429 past a limit, 503 while the database is
// down) as seconds, and a line that counts them down so the reader knows when to send again.

/**
 * Retry-After is either delay-seconds or an HTTP date (RFC 9110 §10.2.3).
 * @param {string | null} header
 * @returns {number | null}
 */
export function retryAfterSeconds(header) {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const when = Date.parse(trimmed);
  return Number.isNaN(when) ? null : Math.max(0, Math.ceil((when - Date.now()) / 1000));
}

/** The heading a refusal gets instead of "Something went wrong": it is not a fault. */
export function refusalTitle(status) {
  if (status === 429) return "Please wait a moment";
  if (status === 503) return "Temporarily unavailable";
  return "Something went wrong";
}

/**
 * Keep `el`'s text at "You can try again in N s." until N reaches 0, then "You can try again
 * now."; stops by itself once `el` leaves the document.
 * @param {HTMLElement} el
 * @param {number} seconds
 */
export function countDown(el, seconds) {
  const until = Date.now() + seconds * 1000;
  const tick = () => {
    const left = Math.ceil((until - Date.now()) / 1000);
    el.textContent = left > 0 ? `You can try again in ${left} s.` : "You can try again now.";
    return left > 0;
  };
  tick();
  // A dismissed error stops the timer; one not yet on the page (a view still being built) does not.
  let shown = false;
  const timer = setInterval(() => {
    shown ||= el.isConnected;
    if ((shown && !el.isConnected) || !tick()) clearInterval(timer);
  }, 1000);
  return el;
}
