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

function entityOptions(data, { onSendPrompt }) {
  return {
    onTagSearch: async (query) => {
      const body = await getJson(`${data.entitiesUrl}?query=${encodeURIComponent(query)}`);
      return body.entities;
    },
    // Docs entities carry their page's URL; the thread survives the visit (it lives in the URL).
    // Demo entities carry the prompt that runs them, so a click is a shortcut for typing it.
    onClick: (entity) => {
      if (entity.data?.url) window.location.assign(entity.data.url);
      else if (entity.data?.kind === "demo" && entity.data.prompt) onSendPrompt(entity.data.prompt);
    },
    onRequestPreview: async (entity) => getJson(`${data.entitiesUrl}/${encodeURIComponent(entity.id)}/preview`),
  };
}

export function buildOptions(data, { scheme, initialThread, onClientTool, onWidgetAction, onOpenDocs, onSendPrompt }) {
  return {
    api: {
      url: data.apiUrl,
      domainKey: data.domainKey,
      fetch: csrfFetch,
      uploadStrategy: data.uploadStrategy,
    },
    locale: data.locale,
    initialThread: initialThread || null,
    theme: themeFor(scheme),
    header: {
      title: { text: "ChatKit guide" },
      rightAction: { icon: "book-open", onClick: onOpenDocs },
    },
    history: { enabled: true, showRename: true, showDelete: true },
    startScreen: {
      greeting: "Ask me about ChatKit, or try a live demo.",
      prompts: [
        { label: "What is ChatKit?", prompt: "What is ChatKit and how does this app use it?", icon: "book-open" },
        ...data.prompts,
      ],
    },
    composer: {
      placeholder: "Ask about ChatKit, or type @ to mention a doc or demo",
      attachments: data.attachments,
      tools: data.composerTools,
      // A model menu only where settings offer a choice, dictation only where the server can transcribe.
      ...(data.composerModels.length ? { models: data.composerModels } : {}),
      ...(data.dictation ? { dictation: { enabled: true } } : {}),
    },
    entities: entityOptions(data, { onSendPrompt }),
    threadItemActions: { feedback: true, retry: true },
    thread: { autoScroll: true },
    frameTitle: "ChatKit guide",
    onClientTool,
    widgets: { onAction: onWidgetAction },
  };
}
