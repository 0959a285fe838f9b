// The session token lives in localStorage so a reload stays signed in; Apollo and MapLibre read it from here.
const TOKEN_KEY = 'atlas.token';
type Listener = () => void;

const listeners = new Set<Listener>();
let token: string | null = readStoredToken();

function readStoredToken(): string | null {
  try {
    return localStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export const session = {
  getToken: (): string | null => token,
  setToken(next: string | null): void {
    if (next === token) return;
    token = next;
    if (next) localStorage.setItem(TOKEN_KEY, next);
    else localStorage.removeItem(TOKEN_KEY);
    listeners.forEach((listener) => listener());
  },
  subscribe: (listener: Listener): (() => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

/** Headers for our own API (GraphQL and OGC); never sent to a third-party basemap host. */
export function authHeaders(): Record<string, string> {
  return token ? { Authorization: `Bearer ${token}` } : {};
}
