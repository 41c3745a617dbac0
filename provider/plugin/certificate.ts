// AutoMTLS: the client passes its certificate in PLUGIN_CLIENT_CERT; the plugin answers with a
// fresh self-signed certificate (ECDSA P-256 from WebCrypto: key generation takes a millisecond,
// where RSA would take a noticeable part of start-up) sent in the handshake line.
import { webcrypto } from 'node:crypto';
import {
  bitString, boolean, explicit, validityTime, objectIdentifier, octetString, sequence, set, tlv,
  unsignedInteger, utf8String,
} from './der';

export interface ServerCertificate {
  certPem: string;
  keyPem: string;
  /** The DER certificate in unpadded standard base64, as the handshake line carries it. */
  certBase64: string;
}

const OID = {
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  commonName: '2.5.4.3',
  organization: '2.5.4.10',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  subjectAltName: '2.5.29.17',
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
};

function name(): Buffer {
  const rdn = (oid: string, value: string) => set(sequence(objectIdentifier(oid), utf8String(value)));
  return sequence(rdn(OID.organization, 'Strata'), rdn(OID.commonName, 'localhost'));
}

function extensions(): Buffer {
  const extension = (oid: string, critical: boolean, value: Buffer) =>
    sequence(objectIdentifier(oid), ...(critical ? [boolean(true)] : []), octetString(value));
  // The client adds this certificate to its roots, so it must be a CA for itself; the go-plugin
  // client verifies the name "localhost".
  const keyUsageBits = Buffer.from([0x03, 0x02, 0x01, 0xa4]); // digitalSignature, keyEncipherment, keyCertSign
  return explicit(3, sequence(
    extension(OID.basicConstraints, true, sequence(boolean(true))),
    extension(OID.keyUsage, true, keyUsageBits),
    extension(OID.extKeyUsage, false, sequence(objectIdentifier(OID.serverAuth), objectIdentifier(OID.clientAuth))),
    extension(OID.subjectAltName, false, sequence(tlv(0x82, Buffer.from('localhost', 'ascii')))),
  ));
}

/** WebCrypto signs ECDSA as r||s; X.509 wants SEQUENCE { INTEGER r, INTEGER s }. */
function derSignature(p1363: Buffer): Buffer {
  const half = p1363.length / 2;
  return sequence(unsignedInteger(p1363.subarray(0, half)), unsignedInteger(p1363.subarray(half)));
}

function pem(label: string, der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

export async function generateServerCertificate(now = new Date()): Promise<ServerCertificate> {
  const { subtle } = webcrypto;
  const keys = await subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
  const spki = Buffer.from(await subtle.exportKey('spki', keys.publicKey));
  const pkcs8 = Buffer.from(await subtle.exportKey('pkcs8', keys.privateKey));
  const serial = Buffer.from(webcrypto.getRandomValues(new Uint8Array(16)));
  serial[0] &= 0x7f;
  const signatureAlgorithm = sequence(objectIdentifier(OID.ecdsaWithSha256));
  const notBefore = new Date(now.getTime() - 30_000); // tolerate small clock differences
  const notAfter = new Date(now.getTime() + 24 * 3600_000 * 30);
  const tbs = sequence(
    explicit(0, unsignedInteger(Buffer.from([2]))), // v3
    unsignedInteger(serial),
    signatureAlgorithm,
    name(),
    sequence(validityTime(notBefore), validityTime(notAfter)),
    name(),
    spki,
    extensions(),
  );
  const signature = Buffer.from(await subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, keys.privateKey, tbs));
  const certificate = sequence(tbs, signatureAlgorithm, bitString(derSignature(signature)));
  return {
    certPem: pem('CERTIFICATE', certificate),
    keyPem: pem('PRIVATE KEY', pkcs8),
    certBase64: certificate.toString('base64').replace(/=+$/, ''),
  };
}
