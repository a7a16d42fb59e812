// "My ward": the ward whose hot alerts this app shows and follows live. A signed-in citizen's is
// the home ward of their account (GET /api/v1/me home_ward, set in the profile); anyone else's is
// the choice made on this device's home screen, kept in localStorage.
import { useEffect, useState } from 'preact/hooks';
import type { Me } from '../shared/api';

const storageKey = 'cds.ward';
const listeners = new Set<(ward: string | null) => void>();

export function storedWard(): string | null {
  try {
    const value = localStorage.getItem(storageKey);
    return value && /^\d{5}$/.test(value) ? value : null;
  } catch {
    return null; // storage blocked: no choice remembered
  }
}

// Remembers the device's choice (null forgets it) and tells every screen that shows it.
export function chooseWard(ward: string | null): void {
  try {
    if (ward) localStorage.setItem(storageKey, ward);
    else localStorage.removeItem(storageKey);
  } catch {
    // not remembered: it still holds for this visit through the listeners
  }
  listeners.forEach((l) => l(ward));
}

// The device's choice, following chooseWard.
export function useStoredWard(): string | null {
  const [ward, setWard] = useState(storedWard);
  useEffect(() => {
    listeners.add(setWard);
    return () => listeners.delete(setWard);
  }, []);
  return ward;
}

// My ward for the session as it is now (undefined while the session is not known yet).
export function myWard(me: Me | null | undefined, stored: string | null): string | null | undefined {
  if (me === undefined) return undefined;
  if (me) return me.home_ward ?? null;
  return stored;
}
