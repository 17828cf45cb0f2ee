// A real OpenID Connect provider for the single sign-on tests (the npm package oidc-provider),
// listening on loopback only. Its sign-in page asks for an email address (as a council's own
// provider would after checking the person's password and second factor); the person can be
// marked unverified, and the multi-factor claims (amr, acr) can be chosen, so the tests can try
// every case against the real protocol: discovery, authorisation code with PKCE, token, userinfo.
//
//   node provider.mjs --port 9141 --client-id ib --client-secret s3cret \
//        --redirect-uri http://testserver/account/sso/callback/
//
// Prints "ready <issuer>" on stdout once it answers.
import crypto from "node:crypto";
import { parseArgs } from "node:util";
import Provider from "oidc-provider";

const { values: args } = parseArgs({
  options: {
    port: { type: "string", default: "9141" },
    "client-id": { type: "string", default: "improvement-board" },
    "client-secret": { type: "string", default: "test-secret" },
    "redirect-uri": { type: "string", multiple: true, default: [] },
  },
});

const issuer = `http://127.0.0.1:${args.port}`;
const accounts = new Map(); // email -> { verified, name }
const signingKey = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "jwk" });

const provider = new Provider(issuer, {
  clients: [{
    client_id: args["client-id"],
    client_secret: args["client-secret"],
    redirect_uris: args["redirect-uri"],
    grant_types: ["authorization_code"],
    response_types: ["code"],
    token_endpoint_auth_method: "client_secret_post",
  }],
  pkce: { required: () => true },
  acrValues: ["urn:test:mfa", "urn:test:password"],
  claims: {
    acr: null, amr: null, auth_time: null, iss: null, sid: null,
    openid: ["sub"],
    email: ["email", "email_verified"],
    profile: ["name"],
  },
  cookies: { keys: [crypto.randomBytes(32).toString("hex")] },
  jwks: { keys: [{ ...signingKey, kid: "test-key", alg: "RS256", use: "sig" }] },
  features: { devInteractions: { enabled: false } },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  async findAccount(ctx, id) {
    const account = accounts.get(id);
    if (!account) return undefined;
    return {
      accountId: id,
      async claims() {
        return { sub: id, email: id, email_verified: account.verified, name: account.name };
      },
    };
  },
  // First-party client: no consent screen; the grant covers what the client asked for.
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope("openid email profile");
    await grant.save();
    return grant;
  },
});

// Like Microsoft Entra ID, put the sign-in's methods (amr) and level (acr) in every ID token, not
// only when the client asks for them by name.
const { IdToken } = provider;
const payload = IdToken.prototype.payload;
IdToken.prototype.payload = async function payloadWithAuthenticationClaims() {
  const claims = await payload.call(this);
  const { acr, amr } = this.available;
  return { ...claims, ...(acr ? { acr } : {}), ...(amr ? { amr } : {}) };
};

async function formBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

const escape = (text) => String(text).replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

provider.use(async (ctx, next) => {
  const match = ctx.path.match(/^\/interaction\/([^/]+)(\/login)?$/);
  if (!match) return next();
  const details = await provider.interactionDetails(ctx.req, ctx.res);
  if (!match[2] && ctx.method === "GET") {
    ctx.type = "html";
    ctx.body = `<!doctype html><html lang="en"><title>Test provider sign-in</title>
      <form method="post" action="/interaction/${escape(details.uid)}/login">
      <label>Email <input name="email"></label>
      <label><input type="checkbox" name="unverified" value="1"> Email not verified</label>
      <label>amr <input name="amr" value="pwd mfa"></label>
      <label>acr <input name="acr" value="urn:test:mfa"></label>
      <button>Sign in</button></form>`;
    return;
  }
  if (match[2] && ctx.method === "POST") {
    const form = await formBody(ctx.req);
    const email = (form.get("email") || "").trim();
    accounts.set(email, { verified: form.get("unverified") !== "1", name: email.split("@")[0] });
    const amr = (form.get("amr") || "").split(/\s+/).filter(Boolean);
    const login = { accountId: email, acr: form.get("acr") || undefined, amr: amr.length ? amr : undefined };
    const redirectTo = await provider.interactionResult(ctx.req, ctx.res, { login }, { mergeWithLastSubmission: false });
    ctx.status = 303;
    ctx.redirect(redirectTo);
    return;
  }
  ctx.status = 405;
});

provider.listen(Number(args.port), "127.0.0.1", () => {
  process.stdout.write(`ready ${issuer}\n`);
});
