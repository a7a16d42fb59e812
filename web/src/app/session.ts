// Who is signed in, for every screen of the citizen app: undefined while the app asks the server,
// null when nobody is.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Me } from '../shared/api';

export interface Session {
  me: Me | null | undefined;
  setMe: (me: Me | null) => void;
}

export const SessionContext = createContext<Session>({ me: undefined, setMe: () => {} });

export function useSession(): Session {
  return useContext(SessionContext);
}
