// Which components of a package deploy, by Zarf's rules (`zarf package deploy --components`,
// non-interactive): components whose `only.localOS` or `only.cluster.architecture` names another OS or
// architecture are left out first. Without a request, required components and default ones deploy.
// With one, the request's names (globs, as Go's path.Match reads them; `-name` deselects) pick optional
// components, defaults still deploy unless deselected, required ones always; every request must match
// a component. Of a (deprecated) group exactly one component deploys.
import type { ZarfComponent, ZarfPackage } from './package';

/** A request that cannot be met; the message says which and what to choose from. */
export class SelectionError extends Error {
  override name = 'SelectionError';
}

export interface Platform {
  /** Zarf's OS names: linux, darwin, windows. */
  os: string;
  architecture: string;
}

/** Zarf's OS name for a Node platform. */
export function zarfOs(platform: NodeJS.Platform = process.platform): string {
  return platform === 'win32' ? 'windows' : platform;
}

/** Go's path.Match pattern as a regular expression (`*` and `?` do not match `/`). */
function globRegExp(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else if (c === '\\' && i + 1 < pattern.length) source += `\\${pattern[++i]}`;
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end < 0) throw new SelectionError(`the component pattern ${JSON.stringify(pattern)} has an unclosed "["; close it or remove it.`);
      const body = pattern.slice(i + 1, end);
      source += `[${body.startsWith('^') ? `^/${body.slice(1)}` : body.replace(/\\/g, '\\\\')}]`;
      i = end;
    } else source += c.replace(/[.+^${}()|\]\\]/g, '\\$&');
  }
  try {
    return new RegExp(`^${source}$`);
  } catch (err) {
    throw new SelectionError(`the component pattern ${JSON.stringify(pattern)} is not a valid pattern (${(err as Error).message}); fix it in zarf.components.`);
  }
}

type State = { state: 'included' | 'excluded'; request: string } | undefined;

/** Exclusions first, as in Zarf, so that `-x` wins over a pattern that also matches x. */
function requestState(name: string, requests: string[]): State {
  for (const request of requests) if (request.startsWith('-') && globRegExp(request.slice(1)).test(name)) return { state: 'excluded', request };
  for (const request of requests) if (globRegExp(request).test(name)) return { state: 'included', request };
  return undefined;
}

/** The components for this OS and architecture (`only` filters). */
export function forPlatform(pkg: ZarfPackage, platform: Platform): ZarfComponent[] {
  return pkg.components.filter(({ only }) => (!only?.localOS || only.localOS === platform.os) && (!only?.cluster?.architecture || only.cluster.architecture === platform.architecture));
}

/**
 * The components that deploy, in package order. `requested` undefined or empty: required and default
 * ones. Throws a SelectionError for a request that matches nothing or picks two of one group.
 */
export function selectComponents(pkg: ZarfPackage, platform: Platform, requested?: string[]): ZarfComponent[] {
  const available = forPlatform(pkg, platform);
  const groups = new Map<string, ZarfComponent[]>();
  for (const component of available) {
    const key = component.group || component.name;
    groups.set(key, [...(groups.get(key) ?? []), component]);
  }
  const selected: ZarfComponent[] = [];
  const requests = (requested ?? []).filter((r) => r !== '');
  if (requests.length === 0) {
    for (const group of groups.values()) {
      if (group.length > 1) {
        const chosen = group.find((c) => c.default);
        if (!chosen) throw new SelectionError(`the components ${group.map((c) => c.name).join(', ')} form a group without a default; name one of them in zarf.components.`);
        selected.push(chosen);
      } else if (group[0]!.required || group[0]!.default) selected.push(group[0]!);
    }
    return selected;
  }
  const matched = new Set<string>();
  for (const group of groups.values()) {
    let groupDefault: ZarfComponent | undefined;
    let groupSelected: ZarfComponent | undefined;
    for (const component of group) {
      let state = requestState(component.name, requests);
      if (!component.required) {
        if (state?.state === 'excluded') {
          matched.add(state.request);
          continue;
        }
        if (state === undefined && component.default && !groupDefault) groupDefault = component;
      } else {
        state = { state: 'included', request: state?.request ?? '' };
      }
      if (state?.state === 'included') {
        matched.add(state.request);
        if (groupSelected) {
          throw new SelectionError(`zarf.components selects both ${groupSelected.name} and ${component.name} of group ${JSON.stringify(component.group)}, which deploys one; keep one of them.`);
        }
        selected.push(component);
        groupSelected = component;
      }
    }
    if (!groupSelected && groupDefault) selected.push(groupDefault);
    else if (!groupSelected && group.length > 1) {
      throw new SelectionError(`the components ${group.map((c) => c.name).join(', ')} form a group without a default; name one of them in zarf.components.`);
    }
  }
  const missing = requests.filter((r) => !matched.has(r));
  if (missing.length > 0) {
    const names = available.map((c) => c.name);
    const hidden = pkg.components.filter((c) => !available.includes(c)).map((c) => c.name);
    throw new SelectionError(
      `zarf.components names ${missing.map((m) => JSON.stringify(m)).join(', ')}, which matches no component of the package` +
        `${hidden.length > 0 ? ` for ${platform.os}/${platform.architecture} (left out by their \`only\` filters: ${hidden.join(', ')})` : ''}. ` +
        `Choose from: ${names.join(', ') || 'none'}.`,
    );
  }
  return selected;
}
