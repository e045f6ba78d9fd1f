// The ChatKit options object, identical for <openai-chatkit> and <chatkit-open>.
import { csrfFetch } from "./api-fetch.js";

const ACCENT = "#0f766e";

export function themeFor(scheme) {
  return { colorScheme: scheme, color: { accent: { primary: ACCENT, level: 1 } }, radius: "round" };
}

async function getJson(url) {
  const response = await csrfFetch(url);
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return response.json();
}

export function buildOptions(data, { scheme, initialThread, onClientTool, onOpenDocs }) {
  return {
    api: {
      url: data.apiUrl,
      domainKey: data.domainKey,
      fetch: csrfFetch,
      uploadStrategy: { type: "direct", uploadUrl: "/api/attachments/upload" },
    },
    locale: data.locale,
    initialThread: initialThread || null,
    theme: themeFor(scheme),
    header: {
      title: { text: "ChatKit guide" },
      rightAction: { icon: "book-open", label: "Open the docs", onClick: onOpenDocs },
    },
    history: { enabled: true },
    startScreen: {
      greeting: "Ask me about ChatKit, or try a live demo.",
      prompts: [
        { label: "What is ChatKit?", prompt: "What is ChatKit and how does this app use it?", icon: "book-open" },
        ...data.prompts,
      ],
    },
    composer: {
      placeholder: "Ask about ChatKit, or type @ to mention a doc or demo",
      attachments: { enabled: true, maxCount: 4, maxSize: 10 * 1024 * 1024 },
    },
    entities: {
      onTagSearch: async (query) => {
        const body = await getJson(`${data.entitiesUrl}?query=${encodeURIComponent(query)}`);
        return body.entities;
      },
      onClick: (entity) => {
        if (entity.data?.url) window.location.assign(entity.data.url);
      },
      onRequestPreview: async (entity) => getJson(`${data.entitiesUrl}/${encodeURIComponent(entity.id)}/preview`),
    },
    threadItemActions: { feedback: true, retry: true },
    onClientTool,
    widgets: { onAction: async (action) => console.info("client widget action", action) },
  };
}
