package cn.examcore.server.offline.store;

import io.vertx.core.Future;
import java.util.Optional;

/** The sittings' offline key pairs, one per sitting, shared by every node through the database. */
public interface OfflineKeyStore {

    /**
     * One sitting's key pair as stored.
     *
     * @param sittingId     the sitting
     * @param publicKey     the public key, base64 X.509
     * @param sealedPrivate the PKCS#8 private key sealed with the node secret's wrapping key, base64 {@code iv.ct}
     * @param createdAt     when it was made (epoch ms)
     */
    record StoredKey(String sittingId, String publicKey, String sealedPrivate, long createdAt) {
    }

    /** The sitting's key pair, if one was made. */
    Future<Optional<StoredKey>> key(String sittingId);

    /**
     * Stores {@code key} unless the sitting has one already, and answers the one stored: of two nodes making a key
     * for the same sitting at once, both end with the same key.
     */
    Future<StoredKey> keep(StoredKey key);
}
