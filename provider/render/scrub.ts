// Credentials out of messages. Helm (SDK or binary) and HTTP libraries quote URLs in their errors,
// and some servers echo what they were sent; whatever reaches a diagnostic goes through here first.
// The bundled renderer scrubs its own messages the same way (go-shim/helm/request.go); this is the
// second net, and the only one for the helm binary.

/** What must never be shown: secrets wherever they appear, usernames as whole words. */
export interface Secrets {
  secrets: readonly (string | undefined)[];
  usernames: readonly (string | undefined)[];
}

// The credentials part of a URL ("user:pass@" in "https://user:pass@host/").
const USERINFO = /([a-zA-Z][a-zA-Z0-9+.-]*:\/\/)[^/\s@]+@/g;

/** The text with every URL's `user:password@` shown as `***@`. */
export function withoutUserinfo(text: string): string {
  return text.replace(USERINFO, '$1***@');
}

export function scrub(message: string, { secrets, usernames }: Secrets): string {
  let result = withoutUserinfo(message);
  for (const secret of secrets) {
    for (const form of encodings(secret)) result = result.split(form).join('***');
  }
  // Whole words only, so that a short username does not garble the message.
  for (const name of usernames) {
    for (const form of encodings(name)) {
      result = result.replace(new RegExp(`(^|[^\\w.-])${escapeRegExp(form)}(?=$|[^\\w.-])`, 'g'), '$1***');
    }
  }
  return result;
}

/**
 * The forms a value takes in messages: as is, and escaped in a URL as Node and Go escape it (a
 * component; a query value, with "+" for a space; a path segment, which keeps "$&+:=@").
 */
function encodings(value: string | undefined): string[] {
  if (!value) return [];
  const component = encodeURIComponent(value);
  const segment = component.replace(/%(24|26|2B|3A|3D|40)/g, (escaped) => decodeURIComponent(escaped));
  return [...new Set([value, component, encodeURI(value), new URLSearchParams({ v: value }).toString().slice(2), segment])];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
