// RFC 1123 labels, Kubernetes' rule for namespace names and Strata's for layer names.
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_LABEL_MAX = 63;

/** A Terraform attribute validator: why `value` is not a DNS label, or undefined. */
export const dnsLabel = (value: string): string | undefined => dnsLabelProblem(value, JSON.stringify(value));

/** Why `value` is not a DNS label, as a message that starts with `subject` (e.g. `Layer name "x"`); undefined when it is one. */
export function dnsLabelProblem(value: string, subject: string): string | undefined {
  if (value.length > DNS_LABEL_MAX) {
    return `${subject} has ${value.length} characters; a DNS label (RFC 1123) has at most ${DNS_LABEL_MAX}. Shorten it.`;
  }
  if (DNS_LABEL.test(value)) return undefined;
  const suggestion = value
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const example = suggestion && DNS_LABEL.test(suggestion) ? suggestion : 'ingress-nginx';
  return (
    `${subject} is not a DNS label (RFC 1123). ` +
    `Use only lowercase letters, digits and "-", starting and ending with a letter or digit, e.g. ${JSON.stringify(example)}.`
  );
}
