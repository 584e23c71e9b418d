import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Endpoints } from './api/endpoints.js';
import type { Me, RuntimeConfig } from './api/types.js';

export interface Notice {
  kind: 'success' | 'error' | 'info';
  text: string;
  /** The page the notice belongs to: it disappears once the user goes elsewhere. */
  path: string;
}

export interface AppState {
  config: RuntimeConfig;
  user: Me | null;
  api: Endpoints;
  signedIn: (token: string, user: Me) => void;
  signOut: () => void;
  notify: (kind: Notice['kind'], text: string, path?: string) => void;
}

export const AppContext = createContext<AppState | null>(null);

export const useApp = (): AppState => {
  const state = useContext(AppContext);
  if (!state) throw new Error('useApp outside <App>');
  return state;
};

/** The signed-in user; pages behind the sign-in gate may rely on it. */
export const useUser = (): Me => {
  const { user } = useApp();
  if (!user) throw new Error('useUser without a signed-in user');
  return user;
};

export const isStaff = (user: Me | null): boolean =>
  user?.role === 'agent' || user?.role === 'lead' || user?.role === 'admin';
