/// <reference path="../pb_data/types.d.ts" />

// Mails, outgoing HTTP requests, templates, $security, $os and realtime messages.

routerAdd("POST", "/api/hooks/mail", (e) => {
  const body = e.requestInfo().body

  const message = new MailerMessage({
    from: {
      address: $app.settings().meta.senderAddress,
      name: $app.settings().meta.senderName,
    },
    to: [{ address: body.to }],
    subject: body.subject,
    html: "<p>Hello " + body.name + ", this mail comes from a hook.</p>",
  })

  $app.newMailClient().send(message)

  return e.json(200, { sent: true })
})

// every outgoing mail (hooks' own and PocketBase's) gets a subject prefix
onMailerSend((e) => {
  e.message.subject = "[Hooks] " + e.message.subject
  e.next()
})

routerAdd("GET", "/api/hooks/ext", (e) => {
  const url = e.request.url.query().get("url")

  const res = $http.send({
    url: url + "/echo?from=hooks",
    method: "POST",
    body: JSON.stringify({ ping: "pong", n: 1 }),
    headers: { "content-type": "application/json", "x-from": "pocketbase-hooks" },
    timeout: 5, // in seconds
  })

  const missing = $http.send({ url: url + "/missing", method: "GET" })

  return e.json(200, {
    statusCode: res.statusCode,
    json: res.json,
    replyHeader: res.headers["X-Reply"],
    cookie: res.cookies["session"] ? res.cookies["session"].value : null,
    body: toString(res.body),
    missingStatus: missing.statusCode,
    missingBody: toString(missing.body),
  })
})

routerAdd("GET", "/api/hooks/template/{name}", (e) => {
  const html = $template.loadFiles(
    `${__hooks}/views/layout.html`,
    `${__hooks}/views/hello.html`,
  ).render({
    name: e.request.pathValue("name"),
    admin: e.request.url.query().get("admin") === "1",
    items: ["one", "two", "three"],
  })

  return e.html(200, html)
})

routerAdd("GET", "/api/hooks/template-string", (e) => {
  const text = $template.loadString(
    'Hi {{.name}}{{if .count}}, you have {{.count}} new messages{{end}}.'
  ).render({ name: e.request.url.query().get("name"), count: 3 })

  return e.string(200, text)
})

routerAdd("GET", "/api/hooks/security", (e) => {
  const key = "0123456789abcdef0123456789abcdef" // 32 bytes: AES-256
  const encrypted = $security.encrypt("secret text", key)
  const token = $security.createJWT({ sub: "user123", role: "tester" }, "jwt-signing-key", 3600)
  const claims = $security.parseJWT(token, "jwt-signing-key")

  let badSignature = ""
  try {
    $security.parseJWT(token, "another-key")
  } catch (err) {
    badSignature = "rejected"
  }

  return e.json(200, {
    random: $security.randomString(24),
    randomDigits: $security.randomStringWithAlphabet(8, "0123456789"),
    token: token,
    claims: { sub: claims.sub, role: claims.role, hasExp: claims.exp > 0 },
    badSignature: badSignature,
    md5: $security.md5("hello"),
    sha256: $security.sha256("hello"),
    sha512: $security.sha512("hello"),
    hs256: $security.hs256("hello", "mac-secret"),
    equal: $security.equal("abc", "abc"),
    notEqual: $security.equal("abc", "abd"),
    encryptedDiffers: encrypted !== "secret text",
    decrypted: toString($security.decrypt(encrypted, key)),
  })
})

routerAdd("GET", "/api/hooks/os", (e) => {
  const motd = toString($os.readFile(`${__hooks}/data/motd.txt`))

  return e.json(200, {
    home: $os.getenv("HOME"),
    motd: motd.trim(),
    hooksDirName: $filepath.base(__hooks),
  })
})

// sends a custom realtime message to every client subscribed to "hooks/notices"
routerAdd("POST", "/api/hooks/notify", (e) => {
  const message = new SubscriptionMessage({
    name: "hooks/notices",
    data: JSON.stringify({ text: e.requestInfo().body.text }),
  })

  const clients = $app.subscriptionsBroker().clients()
  let sent = 0
  for (let clientId in clients) {
    if (clients[clientId].hasSubscription("hooks/notices")) {
      clients[clientId].send(message)
      sent++
    }
  }

  return e.json(200, { sent: sent })
}, $apis.requireSuperuserAuth())
