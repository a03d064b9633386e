-- Gatehouse schema 6: key algorithms up to 20 characters (RSA-OAEP-256, the request objects' encryption key)
ALTER TABLE GH_SIGNING_KEY MODIFY ALGORITHM VARCHAR(20) NOT NULL;
