-- Webhook secrets are stored sealed (AES-256-GCM, security/SecretCipher): 'v1:<key id>:' and the
-- base64 of nonce, ciphertext and tag, about 120 characters for a whsec_ secret. Values stored before
-- stay plain text until the service's start seals them (webhook/Resealing).
alter table webhook alter column secret set data type varchar(300);
alter table webhook alter column previous_secret set data type varchar(300);
