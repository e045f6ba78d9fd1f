// Attachment checks (maxSize / maxCount / accept) and the two upload strategies.
import { ChatKitApiError, errorFromResponse } from "./protocol.js";

const DEFAULT_MAX_SIZE = 100 * 1024 * 1024;
const DEFAULT_MAX_COUNT = 10;

function mimeMatches(pattern, mime) {
  if (!pattern || pattern === "*" || pattern === "*/*") return true;
  if (pattern.endsWith("/*")) return mime.startsWith(pattern.slice(0, -1));
  return pattern === mime;
}

/** `accept` option ({mime: [".ext"]}) as an <input type=file> accept string. */
export function acceptAttribute(accept) {
  if (!accept) return null;
  return Object.entries(accept).flatMap(([mime, exts]) => [mime, ...(exts ?? [])]).join(",");
}

function maxSizeFor(file, maxSize) {
  if (typeof maxSize === "number") return maxSize;
  if (maxSize && typeof maxSize === "object") {
    const hit = Object.entries(maxSize).find(([pattern]) => pattern && pattern !== "*" && mimeMatches(pattern, file.type));
    return hit ? hit[1] : maxSize["*"] ?? maxSize[""] ?? DEFAULT_MAX_SIZE;
  }
  return DEFAULT_MAX_SIZE;
}

function formatBytes(n) {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(n % (1024 * 1024) ? 1 : 0)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} bytes`;
}

/** A user-facing reason why `file` cannot be attached, or null when it can. */
export function rejectReason(file, config = {}, alreadyAttached = 0) {
  const maxCount = config.maxCount ?? DEFAULT_MAX_COUNT;
  if (alreadyAttached >= maxCount) return `You can attach at most ${maxCount} file${maxCount === 1 ? "" : "s"}.`;
  const limit = maxSizeFor(file, config.maxSize);
  if (file.size > limit) return `${file.name} is larger than ${formatBytes(limit)}.`;
  if (config.accept) {
    const ext = file.name.includes(".") ? `.${file.name.split(".").pop().toLowerCase()}` : "";
    const ok = Object.entries(config.accept).some(([mime, exts]) =>
      (file.type && mimeMatches(mime, file.type)) || (exts ?? []).map((e) => e.toLowerCase()).includes(ext));
    if (!ok) return `${file.name} is not an accepted file type.`;
  }
  return null;
}

/**
 * Upload `file` with the configured strategy and resolve to the ChatKit Attachment.
 * direct:    multipart POST (field `file`) to uploadUrl; the JSON answer is the attachment.
 * two_phase: `attachments.create`, then the bytes as multipart `file` to upload_descriptor.
 */
export async function uploadFile(file, api, strategy) {
  if (!strategy) throw new ChatKitApiError("Attachments need options.api.uploadStrategy.");
  if (strategy.type === "direct") {
    const response = await sendMultipart(api, strategy.uploadUrl, "POST", {}, file);
    return response.json();
  }
  if (strategy.type === "two_phase") {
    const attachment = await api.request("attachments.create", {
      name: file.name, size: file.size, mime_type: file.type || "application/octet-stream",
    });
    const descriptor = attachment.upload_descriptor;
    if (descriptor?.url) {
      const response = await sendMultipart(api, descriptor.url, descriptor.method ?? "PUT", descriptor.headers ?? {}, file);
      // Servers may answer with the finished attachment (e.g. a preview URL); prefer it.
      const body = await response.json().catch(() => null);
      if (body && body.id === attachment.id) return body;
    }
    const { upload_descriptor: _done, ...ready } = attachment;
    return ready;
  }
  throw new ChatKitApiError(`Unknown upload strategy “${strategy.type}”.`);
}

async function sendMultipart(api, url, method, headers, file) {
  const body = new FormData();
  body.append("file", file, file.name);
  const response = await api.fetch(url, { method, headers, body, credentials: "same-origin" });
  if (!response.ok) throw await errorFromResponse(response);
  return response;
}
