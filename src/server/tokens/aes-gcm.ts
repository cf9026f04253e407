/**
 * AES-256-GCM for the token cipher, on the fastest engine the runtime has: `node:crypto` under Node (synchronous,
 * no thread hop: a refresh seals and opens four tokens, and Web Crypto's per-call cost was a quarter of the
 * store's CPU time in `npm run bench:store`), Web Crypto elsewhere (edge runtimes). Both produce and accept the
 * same bytes: the ciphertext followed by the 16-byte tag, as Web Crypto lays it out.
 */
interface AesGcm {
  encrypt(keyId: string, iv: Uint8Array, data: Uint8Array, aad: Uint8Array): Promise<Uint8Array>;
  /** Throws when the tag does not verify (changed data, another key, another context). */
  decrypt(keyId: string, iv: Uint8Array, data: Uint8Array, aad: Uint8Array): Promise<Uint8Array>;
}

const TAG_BYTES = 16;
// Named from Web Crypto itself: `CryptoKey` is a DOM lib name that Node's types do not declare globally.
type WebCryptoKey = Awaited<ReturnType<typeof crypto.subtle.importKey>>;

export async function aesGcm(keys: ReadonlyMap<string, Uint8Array>, engine: 'auto' | 'webcrypto'): Promise<AesGcm> {
  const node = engine === 'auto' && globalThis.process?.versions?.node ? await import('node:crypto') : undefined;
  if (node) {
    const objects = new Map([...keys].map(([id, key]) => [id, node.createSecretKey(key)]));
    const keyOf = (id: string) => objects.get(id) as ReturnType<typeof node.createSecretKey>;
    return {
      async encrypt(id, iv, data, aad) {
        const cipher = node.createCipheriv('aes-256-gcm', keyOf(id), iv, { authTagLength: TAG_BYTES });
        cipher.setAAD(aad);
        return Buffer.concat([cipher.update(data), cipher.final(), cipher.getAuthTag()]);
      },
      async decrypt(id, iv, data, aad) {
        if (data.byteLength < TAG_BYTES) throw new Error('too short');
        const decipher = node.createDecipheriv('aes-256-gcm', keyOf(id), iv, { authTagLength: TAG_BYTES });
        decipher.setAAD(aad);
        decipher.setAuthTag(data.subarray(data.byteLength - TAG_BYTES));
        return Buffer.concat([decipher.update(data.subarray(0, data.byteLength - TAG_BYTES)), decipher.final()]);
      },
    };
  }
  const imported = new Map<string, WebCryptoKey>();
  for (const [id, key] of keys) {
    imported.set(
      id,
      await crypto.subtle.importKey('raw', new Uint8Array(key), 'AES-GCM', false, ['encrypt', 'decrypt']),
    );
  }
  const keyOf = (id: string) => imported.get(id) as WebCryptoKey;
  return {
    async encrypt(id, iv, data, aad) {
      const params = { name: 'AES-GCM', iv: new Uint8Array(iv), additionalData: new Uint8Array(aad) };
      return new Uint8Array(await crypto.subtle.encrypt(params, keyOf(id), new Uint8Array(data)));
    },
    async decrypt(id, iv, data, aad) {
      const params = { name: 'AES-GCM', iv: new Uint8Array(iv), additionalData: new Uint8Array(aad) };
      return new Uint8Array(await crypto.subtle.decrypt(params, keyOf(id), new Uint8Array(data)));
    },
  };
}
