// Helpers shared by the hooks, loaded inside a handler with require(`${__hooks}/utils.js`)
// (each handler runs in its own pooled VM, so module-level values of a .pb.js file aren't visible there).

/** "Hello, World!" -> "hello-world" */
function slugify(text) {
  return String(text)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
}

/** The first `max` characters of `text`, with "..." when cut. */
function summarize(text, max) {
  text = String(text)
  return text.length <= max ? text : text.substring(0, max - 3) + "..."
}

module.exports = {
  slugify: slugify,
  summarize: summarize,
  greeting: (name) => "Hello " + name + "!",
}
