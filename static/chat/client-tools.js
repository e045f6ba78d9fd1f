// Client tools the guide can call: the browser acts, then reports the result back to the server.
import { rememberScheme } from "./theme.js";

export function clientToolHandler({ applyTheme }) {
  return async ({ name, params }) => {
    if (name === "switch_theme") {
      const theme = params?.theme === "dark" ? "dark" : "light";
      rememberScheme(theme);
      applyTheme(theme);
      return { success: true, theme };
    }
    throw new Error(`Unknown client tool: ${name}`);
  };
}
