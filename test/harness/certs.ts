// The test control plane's PKI: one CA that signs the API server's serving certificate and an
// admin client certificate (system:masters), plus the service-account signing key pair.
// EC P-256 throughout: generating it takes milliseconds, which keeps plane start-up quick.
// First: @peculiar/x509's dependency tsyringe refuses to load without a Reflect metadata polyfill.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { generateKeyPairSync, KeyObject, webcrypto } from 'node:crypto';

export interface Pki {
  caCertPem: string;
  servingCertPem: string;
  servingKeyPem: string;
  clientCertPem: string;
  clientKeyPem: string;
  serviceAccountPublicPem: string;
  serviceAccountPrivatePem: string;
}

// Node's WebCrypto, explicitly, rather than whatever global the library would pick.
x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

const ecdsa = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };

function keyPem(key: webcrypto.CryptoKey): string {
  return KeyObject.from(key).export({ type: 'pkcs8', format: 'pem' }).toString();
}

export async function createPki(): Promise<Pki> {
  const subtle = webcrypto.subtle;
  const newKeys = () => subtle.generateKey(ecdsa, true, ['sign', 'verify']) as Promise<webcrypto.CryptoKeyPair>;
  const [caKeys, servingKeys, clientKeys] = await Promise.all([newKeys(), newKeys(), newKeys()]);
  // Backdated so that a clock a little behind still accepts the certificates.
  const notBefore = new Date(Date.now() - 60 * 60 * 1000);
  const notAfter = new Date(Date.now() + 365 * 24 * 60 * 60 * 1000);
  const caName = 'CN=strata-test-ca';

  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    name: caName,
    keys: caKeys,
    notBefore,
    notAfter,
    signingAlgorithm: ecdsa,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
    ],
  });

  const issue = (subject: string, keys: webcrypto.CryptoKeyPair, extensions: InstanceType<typeof x509.Extension>[]) =>
    x509.X509CertificateGenerator.create({
      subject,
      issuer: caName,
      publicKey: keys.publicKey,
      signingKey: caKeys.privateKey,
      notBefore,
      notAfter,
      signingAlgorithm: ecdsa,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
        ...extensions,
      ],
    });

  const [serving, client] = await Promise.all([
    // The names a client may use for the API server: loopback here, the in-cluster names for pods.
    issue('CN=kube-apiserver', servingKeys, [
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([
        { type: 'ip', value: '127.0.0.1' },
        { type: 'ip', value: '10.96.0.1' },
        { type: 'dns', value: 'localhost' },
        { type: 'dns', value: 'kubernetes' },
        { type: 'dns', value: 'kubernetes.default' },
        { type: 'dns', value: 'kubernetes.default.svc' },
        { type: 'dns', value: 'kubernetes.default.svc.cluster.local' },
      ]),
    ]),
    // The API server maps CN to the user name and O to groups.
    issue('CN=strata-cert-admin, O=system:masters', clientKeys, [
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth]),
    ]),
  ]);

  const serviceAccount = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  return {
    caCertPem: ca.toString('pem'),
    servingCertPem: serving.toString('pem'),
    servingKeyPem: keyPem(servingKeys.privateKey),
    clientCertPem: client.toString('pem'),
    clientKeyPem: keyPem(clientKeys.privateKey),
    serviceAccountPublicPem: serviceAccount.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    serviceAccountPrivatePem: serviceAccount.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}
