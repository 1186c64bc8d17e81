package cn.examcore.server.offline;

import cn.examcore.server.offline.domain.OfflineCrypto;
import cn.examcore.server.offline.store.OfflineKeyStore;
import cn.examcore.server.offline.store.OfflineKeyStore.StoredKey;
import cn.examcore.server.paper.PaperCrypto;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * 离线答卷密钥: one P-256 key pair per sitting, made at the first page that asks for it and kept in the database, so
 * every node of a cluster opens every file. The private key is stored sealed (AES-GCM) under a key derived from the
 * server secret, so a copy of the database alone opens no file; the node secret is the same on every node (as for
 * paper seeds). Each attempt's MAC key is derived from the same secret and never stored.
 */
public final class OfflineKeys {

    private final OfflineKeyStore store;
    private final byte[] serverSecret;
    private final LongSupplier clock;
    /** Public keys are read at every page's check-in; they never change once made. */
    private final Map<String, StoredKey> cache = new ConcurrentHashMap<>();

    public OfflineKeys(OfflineKeyStore store, String serverSecret, LongSupplier clock) {
        this.store = store;
        this.serverSecret = serverSecret.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
    }

    /** The attempt's MAC key (given to that attempt's page only). */
    public byte[] macKey(String attemptId) {
        return OfflineCrypto.macKey(serverSecret, attemptId);
    }

    /** The sitting's public key (base64 X.509), made now when the sitting has none. */
    public Future<String> publicKey(String sittingId) {
        return stored(sittingId).map(StoredKey::publicKey);
    }

    /** The sitting's private key, made now when the sitting has none (a file for it then cannot open, as it must). */
    public Future<PrivateKey> privateKey(String sittingId) {
        return stored(sittingId).compose(k -> {
            try {
                String[] parts = k.sealedPrivate().split("\\.");
                byte[] pkcs8 = PaperCrypto.open(wrapKey(sittingId), Base64.getDecoder().decode(parts[0]),
                        Base64.getDecoder().decode(parts[1]));
                return Future.succeededFuture(OfflineCrypto.parsePrivate(pkcs8));
            } catch (GeneralSecurityException | RuntimeException e) {
                return Future.failedFuture(new IllegalStateException("the offline key of sitting " + sittingId
                        + " does not open with this node's secret: is the paper secret the same on every node?", e));
            }
        });
    }

    private Future<StoredKey> stored(String sittingId) {
        StoredKey cached = cache.get(sittingId);
        if (cached != null) {
            return Future.succeededFuture(cached);
        }
        return store.key(sittingId).compose(found -> found.map(Future::succeededFuture).orElseGet(() -> {
            KeyPair pair = OfflineCrypto.newSittingKeyPair();
            PaperCrypto.Sealed sealed = PaperCrypto.seal(wrapKey(sittingId), pair.getPrivate().getEncoded());
            Base64.Encoder b64 = Base64.getEncoder();
            return store.keep(new StoredKey(sittingId, OfflineCrypto.spki(pair.getPublic()),
                    b64.encodeToString(sealed.iv()) + "." + b64.encodeToString(sealed.ciphertext()),
                    clock.getAsLong()));
        })).onSuccess(k -> cache.put(sittingId, k));
    }

    private byte[] wrapKey(String sittingId) {
        return OfflineCrypto.wrapKey(serverSecret, sittingId);
    }
}
