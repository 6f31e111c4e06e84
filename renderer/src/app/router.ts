import { useEffect, useState } from 'react';

/** Hash routes ("#/issue?checkpoint=3"), so the same build works from file:// and over HTTP. */
export interface Route {
  path: string;
  params: URLSearchParams;
}

export function currentRoute(): Route {
  const raw = window.location.hash.replace(/^#/, '') || '/';
  const [path, query] = raw.split('?');
  return { path: path || '/', params: new URLSearchParams(query ?? '') };
}

export function useRoute(): Route {
  const [route, setRoute] = useState(currentRoute);
  useEffect(() => {
    const onChange = () => setRoute(currentRoute());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

export type RouteParams = Record<string, string | number | undefined>;

/** A screen's address for a link: "#/stock?filter=low" (empty parameters left out). */
export function hrefOf(path: string, params?: RouteParams): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params ?? {})) if (v !== undefined && v !== '') q.set(k, String(v));
  const query = q.toString();
  return `#${path}${query ? `?${query}` : ''}`;
}

export function navigate(path: string, params?: RouteParams): void {
  window.location.hash = hrefOf(path, params);
}
