// What the browser does for the guide: client tool calls, and widget actions marked handler="client".
function schemeFrom(value, current) {
  if (value === "dark" || value === "light") return value;
  return current() === "dark" ? "light" : "dark"; // no (or an unknown) theme: toggle
}

export function clientToolHandler({ applyTheme, currentScheme }) {
  return async ({ name, params }) => {
    if (name === "switch_theme") {
      const previous = currentScheme();
      const theme = schemeFrom(params?.theme, currentScheme);
      applyTheme(theme, { remember: true });
      // Both, so the model knows the theme it now acts on ("switch back") and whether it changed.
      return { success: true, theme, previous };
    }
    throw new Error(`Unknown client tool: ${name}`);
  };
}

// Only paths on this site: a widget's payload is model output and must not send users elsewhere.
function sameSitePath(url) {
  if (!url) return null;
  const target = new URL(String(url), window.location.origin);
  return target.origin === window.location.origin ? target : null;
}

export function widgetActionHandler({ element, applyTheme, currentScheme }) {
  return async (action, item) => {
    const payload = action.payload ?? {};
    if (action.type === "open.docs" || action.type === "open_url") {
      const target = sameSitePath(payload.url ?? (payload.slug ? `/docs/${payload.slug}` : ""));
      if (target) window.location.assign(target.href);
      return;
    }
    if (action.type === "switch_theme") {
      applyTheme(schemeFrom(payload.theme, currentScheme), { remember: true });
      return;
    }
    // Anything else the server should see, as if the widget had said handler="server".
    await element().sendCustomAction(action, item?.id);
  };
}
