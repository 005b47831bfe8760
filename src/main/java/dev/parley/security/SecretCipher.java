package dev.parley.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for secrets kept at rest. A sealed value reads {@code v1:<key id>:<base64(nonce |
 * ciphertext | tag)>}: a random 96-bit nonce per value, and the id of the key that sealed it (the first
 * 8 hex digits of the key's SHA-256), so values sealed under a previous key stay readable while they
 * are sealed again under the current one. The version, the key id and a caller's context (which row
 * the value belongs to) are authenticated with it, so a value copied to another row does not open.
 */
public final class SecretCipher {

    static final String VERSION = "v1";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Key current;
    private final Map<String, Key> keys = new LinkedHashMap<>();

    /** The current key seals and opens; the previous ones only open. */
    public SecretCipher(byte[] current, List<byte[]> previous) {
        this.current = new Key(current);
        keys.put(this.current.id(), this.current);
        for (byte[] bytes : previous) {
            Key key = new Key(bytes);
            if (keys.putIfAbsent(key.id(), key) != null) {
                throw new IllegalArgumentException("A previous key is the current key or is listed twice (key id "
                        + key.id() + ")");
            }
        }
    }

    /** A key as configured: the base64 of 32 bytes. {@code name} says where it came from, for the message. */
    public static byte[] parseKey(String base64, String name) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " is not base64; make one with `openssl rand -base64 32`");
        }
        if (bytes.length != 32) {
            throw new IllegalArgumentException(name + " holds " + bytes.length
                    + " bytes, not the 32 of an AES-256 key; make one with `openssl rand -base64 32`");
        }
        return bytes;
    }

    /** A new key, as {@link #parseKey} reads it. */
    public static String newKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    public String currentKeyId() {
        return current.id();
    }

    /** All key ids this cipher opens, the current first. */
    public List<String> keyIds() {
        return new ArrayList<>(keys.keySet());
    }

    /** Whether a stored value is sealed at all; values stored before encryption was introduced are not. */
    public static boolean isSealed(String stored) {
        return stored != null && stored.startsWith(VERSION + ":");
    }

    /** The id of the key that sealed a stored value, or null when it is not sealed. */
    public static String keyIdOf(String stored) {
        if (!isSealed(stored)) {
            return null;
        }
        int end = stored.indexOf(':', VERSION.length() + 1);
        return end < 0 ? null : stored.substring(VERSION.length() + 1, end);
    }

    /** Whether a stored value is sealed under the current key, so nothing is left to do for it. */
    public boolean isCurrent(String stored) {
        return current.id().equals(keyIdOf(stored));
    }

    public String seal(String plaintext, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        String header = VERSION + ":" + current.id() + ":";
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, current.spec(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(header, context));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return header + Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                    .put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /**
     * The plaintext of a sealed value.
     *
     * @throws Unreadable when no key here sealed it, or it was altered, or it belongs to another context
     */
    public String open(String sealed, String context) {
        String id = keyIdOf(sealed);
        if (id == null) {
            throw new Unreadable("is not a sealed value");
        }
        Key key = keys.get(id);
        if (key == null) {
            throw new Unreadable("was sealed under key id " + id + ", which is not among the configured keys "
                    + keys.keySet());
        }
        String header = VERSION + ":" + id + ":";
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(sealed.substring(header.length()));
        } catch (IllegalArgumentException e) {
            throw new Unreadable("is not base64 after its key id");
        }
        if (bytes.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new Unreadable("is too short to be sealed");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key.spec(), new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            cipher.updateAAD(aad(header, context));
            return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new Unreadable("does not authenticate under key id " + id
                    + ": it was altered, or belongs to another record");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    private static byte[] aad(String header, String context) {
        return (header + context).getBytes(StandardCharsets.UTF_8);
    }

    /** A stored value that this cipher cannot open; the message never carries the value. */
    public static final class Unreadable extends RuntimeException {
        Unreadable(String why) {
            super("The stored secret " + why);
        }
    }

    private record Key(String id, SecretKeySpec spec) {
        Key(byte[] bytes) {
            this(id(bytes), new SecretKeySpec(bytes.clone(), "AES"));
        }

        private static String id(byte[] bytes) {
            if (bytes.length != 32) {
                throw new IllegalArgumentException("An AES-256 key has 32 bytes, not " + bytes.length);
            }
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 4);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
