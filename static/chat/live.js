// Live updates: the server tells this page when one of the user's threads changed elsewhere
// (a generated title, a moderator's action, a processed attachment). Reconnects with a capped,
// jittered backoff; after a reconnect it reports onThreadChanged(null, "reconnected"), since
// events sent while the socket was down are not replayed.
const REFUSED = 4401; // not logged in: retrying cannot help until the page reloads

export function connectLiveUpdates({ onThreadChanged, onStatus = () => {} }) {
  const scheme = window.location.protocol === "https:" ? "wss" : "ws";
  const url = `${scheme}://${window.location.host}/ws/updates/`;
  let delay = 1000;
  let stopped = false;
  let wasConnected = false;
  let socket;

  function open() {
    socket = new WebSocket(url);
    socket.addEventListener("open", () => {
      delay = 1000;
      onStatus("connected");
      if (wasConnected) onThreadChanged(null, "reconnected");
      wasConnected = true;
    });
    socket.addEventListener("message", (event) => {
      let message;
      try { message = JSON.parse(event.data); } catch { return; }
      if (message.type === "thread.changed") onThreadChanged(message.thread_id, message.reason);
    });
    socket.addEventListener("close", (event) => {
      if (stopped) return;
      if (event.code === REFUSED) { stopped = true; onStatus("refused"); return; }
      onStatus("reconnecting");
      // Jitter spreads the reconnects of many pages after a server restart.
      setTimeout(() => { if (!stopped) open(); }, delay * (0.5 + Math.random() / 2));
      delay = Math.min(delay * 2, 30000);
    });
  }

  open();
  return { close() { stopped = true; socket.close(); } };
}
