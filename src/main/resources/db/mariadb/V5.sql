-- Gatehouse schema 5: values accepted once only across all nodes (DPoP proof jti, RFC 9449 §11.1), kept as the
-- SHA-256 of purpose and value until they could no longer be accepted anyway
CREATE TABLE IF NOT EXISTS GH_USED_VALUE (KEY_HASH CHAR(64) NOT NULL PRIMARY KEY, EXPIRES_AT BIGINT NOT NULL) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX IF NOT EXISTS GH_USED_VALUE_EXPIRES ON GH_USED_VALUE (EXPIRES_AT);
