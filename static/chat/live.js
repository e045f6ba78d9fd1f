// Live updates: the server tells this page when one of the user's threads changed elsewhere
// (a generated title, a moderator's action). Reconnects with a capped backoff.
const REFUSED = 4401;

export function connectLiveUpdates({ onThreadChanged, onStatus = () => {} }) {
  const scheme = window.location.protocol === "https:" ? "wss" : "ws";
  const url = `${scheme}://${window.location.host}/ws/updates/`;
  let delay = 1000;
  let stopped = false;

  function open() {
    const socket = new WebSocket(url);
    socket.addEventListener("open", () => { delay = 1000; onStatus("connected"); });
    socket.addEventListener("message", (event) => {
      const message = JSON.parse(event.data);
      if (message.type === "thread.changed") onThreadChanged(message.thread_id, message.reason);
    });
    socket.addEventListener("close", (event) => {
      if (stopped) return;
      if (event.code === REFUSED) { onStatus("refused"); return; }
      onStatus("reconnecting");
      setTimeout(open, delay);
      delay = Math.min(delay * 2, 30000);
    });
    return socket;
  }

  let socket = open();
  return { close() { stopped = true; socket.close(); } };
}
