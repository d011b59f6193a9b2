import { defineStore } from 'pinia';
import { computed, onScopeDispose, ref, shallowRef } from 'vue';
import type { ClientRef, MeResponse, UserView } from '@switchboard/shared-contracts';
import { getMe, logout } from '../account/account.api';
import { login } from '../auth/auth.api';
import { endSession, getStoredUser, onSessionEnded, startSession } from './auth-session.util';

/** Who is signed in in this tab, and what they may see (`/api/me`). */
export const useSessionStore = defineStore('session', () => {
  const user = ref<UserView | null>(getStoredUser());
  const me = shallowRef<MeResponse | null>(null);
  /** Why the last session ended (shown on the login page), e.g. an expired refresh token. */
  const endedReason = ref<string | null>(null);

  const isAuthenticated = computed(() => user.value !== null);
  const clients = computed<ClientRef[]>(() => me.value?.clients ?? []);
  const clientsById = computed(() => new Map(clients.value.map((client) => [client.id, client])));

  const stopListening = onSessionEnded((reason) => {
    user.value = null;
    me.value = null;
    endedReason.value = reason;
  });
  onScopeDispose(stopListening);

  async function signIn(email: string, password: string): Promise<UserView> {
    const response = await login({ email, password });
    startSession(response);
    endedReason.value = null;
    user.value = response.user;
    return response.user;
  }

  async function loadMe(): Promise<MeResponse> {
    const response = await getMe();
    me.value = response;
    user.value = response.user;
    return response;
  }

  /**
   * Revokes the session at the API, then forgets it locally. Signing out must never depend on the
   * API answering: if the revoke fails the refresh token simply expires on its own.
   */
  async function signOut(): Promise<void> {
    await logout().catch(() => undefined);
    endSession(null);
    user.value = null;
    me.value = null;
  }

  return { user, me, endedReason, isAuthenticated, clients, clientsById, signIn, loadMe, signOut };
});
