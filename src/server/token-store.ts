/**
 * Where a host keeps each user's tokens. An interface, because only the host knows its database;
 * `MemoryTokenStore` serves demos and tests. Tokens are kept whole: the docs give no length and ask
 * for at least 2048 bytes each, so a store must not truncate or assume a size.
 */

export interface TokenSet {
  accessToken: string;
  /** Replaced on every refresh; the API rejects an old one once a newer one has been issued. */
  refreshToken: string;
  /** When the access token expires, in ms since the epoch. */
  expiresAt: number;
  scope?: string;
  tokenType?: string;
}

export interface TokenStore {
  get(key: string): Promise<TokenSet | undefined>;
  set(key: string, tokens: TokenSet): Promise<void>;
  delete(key: string): Promise<void>;
}

/** Process memory only: lost on restart and not shared between instances. */
export class MemoryTokenStore implements TokenStore {
  readonly #tokens = new Map<string, TokenSet>();

  async get(key: string): Promise<TokenSet | undefined> {
    const tokens = this.#tokens.get(key);
    return tokens && { ...tokens }; // a copy, so callers cannot change what is stored
  }

  async set(key: string, tokens: TokenSet): Promise<void> {
    this.#tokens.set(key, { ...tokens });
  }

  async delete(key: string): Promise<void> {
    this.#tokens.delete(key);
  }
}
