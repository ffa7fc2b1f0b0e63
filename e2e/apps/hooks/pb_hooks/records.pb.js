/// <reference path="../pb_data/types.d.ts" />

// Record hooks on `posts` and `users`, and cron jobs.

onRecordCreateRequest((e) => {
  const utils = require(`${__hooks}/utils.js`)
  const title = e.record.getString("title")

  if (title.toLowerCase().indexOf("spam") >= 0) {
    throw new BadRequestError("Spam isn't welcome.", {
      title: new ValidationError("spam_title", "The title looks like spam."),
    })
  }

  if (!e.record.getString("slug")) {
    e.record.set("slug", utils.slugify(title))
  }

  // guests can only make drafts
  if (!e.auth) {
    e.record.set("status", "draft")
  }

  e.next()
}, "posts")

// runs for every create, also the ones made with $app.save in a hook
onRecordCreate((e) => {
  const utils = require(`${__hooks}/utils.js`)

  if (!e.record.getString("summary")) {
    e.record.set("summary", utils.summarize(e.record.getString("title"), 20))
  }

  e.next()
}, "posts")

onRecordAfterCreateSuccess((e) => {
  const counter = e.app.findFirstRecordByFilter("counters", "name = 'posts_created'")
  counter.set("value+", 1)
  e.app.save(counter)

  e.next()
}, "posts")

onRecordUpdateRequest((e) => {
  const before = e.record.original()

  if (before.getString("status") === "published" && e.record.getString("status") === "draft") {
    throw new ForbiddenError("A published post can't go back to draft.")
  }

  e.next()
}, "posts")

onRecordDeleteRequest((e) => {
  if (e.record.getString("slug") === "welcome") {
    throw new BadRequestError("The welcome post can't be deleted.")
  }

  e.next()
}, "posts")

// guests can't see drafts (nor tell them from missing posts)
onRecordViewRequest((e) => {
  if (!e.auth && e.record.getString("status") === "draft") {
    throw new NotFoundError("The post isn't published yet.")
  }

  e.next()
}, "posts")

// guests list at most 10 posts at a time
onRecordsListRequest((e) => {
  if (!e.auth && e.result.perPage > 10) {
    throw new BadRequestError("Guests can list at most 10 posts per page.", {
      perPage: new ValidationError("too_many", "At most 10."),
    })
  }

  e.next()
}, "posts")

// what every post looks like in API responses (list, view, create, update, realtime)
onRecordEnrich((e) => {
  e.record.hide("internal")

  e.record.withCustomData(true)
  e.record.set("titleLength", e.record.getString("title").length)

  e.next()
}, "posts")

onRecordAuthRequest((e) => {
  e.meta = { welcome: "Welcome back, " + e.record.email() + "!", method: e.authMethod }

  e.next()
}, "users")

cronAdd("hooksCounter", "*/5 * * * *", () => {
  const counter = $app.findFirstRecordByFilter("counters", "name = {:name}", { name: "cron" })
  counter.set("value", counter.getInt("value") + 1)
  $app.save(counter)
})

cronAdd("hooksTemporary", "0 0 * * *", () => {
  $app.logger().info("never runs: removed below")
})

cronRemove("hooksTemporary")

onTerminate((e) => {
  console.log("hooks app: terminating")
  e.next()
})
