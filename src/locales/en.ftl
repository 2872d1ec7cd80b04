# peixun's English messages. Every id here is also in zh-CN.ftl.
# Syntax: https://projectfluent.org/

test-message = { $name }: { $n }

## TOML: syntax and types
toml-syntax = invalid TOML: { $detail }
syntax-key-without-value = a key with no `=` and value
syntax-unquoted = text values must be in straight double quotes "
syntax-missing-comma = a comma , is missing between list items
syntax-unclosed-string = a quoted string is not closed
syntax-duplicate-key = the same key is written twice
syntax-unclosed-table = a [ has no matching ]
syntax-unclosed-array = a list's [ has no matching ]
syntax-number = the number is not written right
syntax-boolean = this should be true or false
syntax-empty-key = there is no key before the =
syntax-unexpected = the line holds more than one key and value
syntax-other = { $message }
slip-quote = Chinese quotation marks “ ”: TOML text takes straight double quotes "
slip-comma = full-width comma “，”: list items are separated by ,
slip-equals = full-width equals sign “＝”: a key and its value are separated by =
slip-colon = full-width colon “：”: a key and its value are separated by =
slip-bracket = full-width brackets: lists take [ ]
slip-space = a full-width space: use an ordinary space
slip-fix = write: { $line }
slip-unit = a number with its unit “{ $unit }”: `{ $key }` holds the number only
slip-unit-help = leave the unit out: { $key } = { $number } (the site shows the unit)
slip-unquoted = text without quotes: the value of `{ $key }` goes in straight double quotes
field-unknown = unknown field `{ $name }`
did-you-mean = did you mean `{ $suggestion }`?
field-list = the fields are: { $fields }
field-missing = missing field `{ $name }`
field-missing-help = add a line { $name } = …
field-type = `{ $name }` should be { $kind }, e.g. { $name } = { $example }
kind-integer = a whole number
kind-number = a number
kind-list = a list
kind-text = text (in straight double quotes)
kind-bool = true or false
kind-table = a table (in { "{" } … { "}" })
found-text = it is quoted text { $written }: numbers take no quotes
found-decimal = it is the decimal { $written }: only whole numbers go here
found-negative = it is { $written }: only positive whole numbers go here
found-other = it is { $written }

## How diagnostics are shown
label-error = error:{ " " }
label-warning = to do:{ " " }
label-help = help:{ " " }

## Reading content files
read-failed = cannot read: { $error }
read-too-large = file is { $size } MiB; a content file may be at most { $limit } MiB
read-too-large-help = split it, or move large attachments out of content/
read-binary = file contains NUL bytes: it looks like a binary file, not Markdown
read-not-utf8 = file is not valid UTF-8 (byte { $byte }, line { $line }, column { $column })
read-not-utf8-help = save the file as UTF-8; files saved as GBK from Word or Notepad must be converted
front-missing = missing front matter: the file must start with a line `+++`
front-missing-help = start the file with `+++`, the TOML fields, and another `+++` line
front-unclosed = front matter is not closed: no second `+++` line
front-unclosed-help = add a line `+++` after the last field

## The content folder
walk-link-loop = symbolic link loop: this link points back to { $target }
walk-link-help = remove or fix the link
walk-bad-folder = catalog folder name `{ $name }` is not a valid URL segment
walk-bad-folder-help = use lowercase ASCII letters, digits and '-', e.g. chongqing-2026
walk-nested-folder = folders inside a catalog are not read
walk-nested-folder-help = put project files directly in content/<catalog>/
walk-outside-catalog = content files belong in a catalog folder
walk-outside-catalog-help = move it to content/<catalog>/
walk-not-markdown = `{ $name }` is not a Markdown file
walk-not-markdown-help = content/ holds only .md files: _catalog.md and one <slug>.md per project
walk-bad-slug = file name `{ $name }` is not a valid slug
walk-bad-slug-help = the file name is the project's URL: lowercase ASCII letters, digits and '-'
walk-bad-slug-rename = the file name is the project's URL: rename it to `{ $suggestion }.md`
walk-no-catalog = { $count ->
    [one] folder `{ $dir }` has 1 project file but no _catalog.md
   *[other] folder `{ $dir }` has { $count } project files but no _catalog.md
}
walk-no-catalog-help = add content/{ $dir }/_catalog.md describing the published document they come from (peixun new catalog { $dir })
walk-duplicate-slug = duplicate slug `{ $slug }`: /projects/{ $slug }/ would be written by { $files }
walk-duplicate-slug-help = project file names must be unique across all catalogs; rename one
and = { " and " }

## site.toml
config-unreadable = cannot read { $path }: { $error }
config-missing-help = run peixun in a site directory, or pass --root DIR
config-permissions-help = check the file's permissions
config-not-utf8 = site.toml is not valid UTF-8 (first bad byte at offset { $byte })
config-unknown-facet = unknown facet `{ $key }`
config-facets-are = the facets are: { $facets }
config-spelling-target = [spellings] writes `{ $word }` as `{ $target }`, which no vocabulary allows
config-spelling-target-help = what a word is written as must be in a vocabulary of [vocabularies]
config-category-key = category key `{ $key }` must be lowercase ASCII letters, digits and '-'
config-category-overview = category key `overview` is reserved (the comparison overview uses it)
config-category-twice = category `{ $key }` is declared twice
config-base-url = base_url `{ $url }` must start with http://, https:// or /
synonym-group-short = a synonym group needs two words or more
synonym-group-short-help = write a group as ["研训员", "教研员"]
synonym-empty = a synonym is empty
synonym-twice = `{ $word }` is in two synonym groups
synonym-twice-help = put the words of both groups in one, or the word in one of them

## Values of fields
vocab-not-allowed = `{ $value }` is not an allowed value of `{ $field }`
vocab-spelling = the site writes “{ $word }” as `{ $value }` (site.toml [spellings])
vocab-spelling-many = the site writes “{ $word }” as several values: { $field } = [{ $list }] (site.toml [spellings])
vocab-synonym = the site writes it `{ $value }` (site.toml synonyms: { $group })
vocab-category-label = that is the category's label; category takes its key: category = "{ $key }"
vocab-typo = did you mean `{ $suggestion }`? (allowed values are declared in site.toml)
vocab-none-declared = declare the allowed values in site.toml [vocabularies]
vocab-allowed = allowed: { $values }
vocab-twice = `{ $value }` is listed twice in `{ $field }`
value-zero = `{ $field }` is 0
value-zero-help = leave `{ $field }` out when the document does not state it; 0 would read as a real figure
value-empty = `{ $field }` is empty
year-out-of-range = year { $year } is out of range
year-help = write the plan's year, e.g. `year = 2026`
year-missing-help = write the plan's year, e.g. `year = 2026` (only a 指导方案 may omit it)
parts-sum = offline_parts add up to { $sum } days but offline_days is { $total }
parts-sum-help = the parts split the total: correct one of them
parts-without-total = offline_parts without offline_days
parts-without-total-help = state the total in offline_days
funding-amount = funding amount { $amount } must be a positive number

## Links
link-scheme = `{ $scheme }:` links are not allowed: `{ $link }`
link-no-scheme = link `{ $link }` has no scheme
link-relative = relative link `{ $link }`
link-empty = empty link
link-no-scheme-help = write the address with https:// (or http://)
link-relative-help = write a link to a page of this site from the site's root, e.g. /projects/<slug>/
link-allowed-help = links may be http:// or https:// addresses, mailto: or pages of this site (/projects/<slug>/)
content-missing = no content/ directory in { $root }
content-missing-help = create content/<catalog>/_catalog.md and one <slug>.md per project (peixun new catalog <catalog>)
content-no-catalogs = no catalogs in content/
content-no-catalogs-help = add content/<catalog>/_catalog.md (peixun new catalog <catalog>)

## Checks over the whole site
dead-from-one = from /{ $page }
dead-from-many = from { $count } pages, such as /{ $page }
dead-one = the theme links to /{ $target }, which this build does not write ({ $from })
dead-more = { " " }and { $count } more
dead-many = the theme links to { $count } pages under /{ $folder } that this build does not write: { $pages } ({ $from })
dead-help = a template of the theme makes these links: check it, and the facets and categories in site.toml
guidance-undefined = category `{ $key }` is numbered { $number } in the national guidance, but no entry of the guidance catalog defines it
guidance-undefined-help = add the entry with `category = "{ $key }"`, or remove `guidance` if the guidance does not define this kind
guidance-number = this entry defines category `{ $key }`, which site.toml numbers { $number }, but the entry is numbered { $entry }
guidance-number-help = make the entry's `number` and the category's `guidance` in site.toml the same
guidance-unnumbered = this entry defines category `{ $key }`, which site.toml does not number in the guidance
guidance-unnumbered-help = set `guidance = "{ $number }"` on the category in site.toml
guidance-twice = category `{ $key }` is already defined by { $file }
guidance-twice-help = each kind of project is defined by one entry of the guidance
link-no-page = link to `{ $link }`, which is not a page of this site
theme-missing = theme `{ $name }` not found: no folder { $folder }/
theme-unreadable = cannot read the theme: { $error }
write-failed = cannot write { $path }: { $error }
write-failed-here = cannot write: { $error }
problems-nothing-written = { $count ->
    [one] 1 problem found; nothing was written
   *[other] { $count } problems found; nothing was written
}

## The theme
template-error = template error: { $detail }

## Drafts and what is to review
review-draft = draft: not published
review-draft-help = delete the line draft = true once everything is reviewed, and it is published (peixun build --drafts builds with drafts)
review-marker = to review: { $what }
review-marker-help = check the document, correct the value, then delete this 待核对 comment
title-template = the title is still the template's “（请填写项目名称）”
title-template-help = write the title as published; keep draft = true while the project is unfinished

## Build and check
build-loopback = base_url is { $url }: { $host } is only this machine, so the links in the sitemap, feed, catalog.json and CSV lead nowhere once published
build-loopback-help = for publishing, pass the site's address: peixun build --base-url https://peixun.example.org/
build-done = built { $projects } projects from { $catalogs } catalogs into { $output } in { $millis } ms: { $files } files, { $written } written, { $unchanged } unchanged, { $removed } removed
build-drafts-left-out = { $count ->
    [one] 1 draft file was left out (peixun check lists it; peixun build --drafts includes drafts)
   *[other] { $count } draft files were left out (peixun check lists them; peixun build --drafts includes drafts)
}
check-done = ok: { $projects } projects in { $catalogs } catalogs, no errors
check-to-do = { $count ->
    [one] ; 1 thing still to do (above)
   *[other] ; { $count } things still to do (above)
}
check-strict-failed = { $count ->
    [one] 1 thing still to do (a draft or a value to review); --strict wants none
   *[other] { $count } things still to do (drafts or values to review); --strict wants none
}
problems-found = { $count ->
    [one] 1 problem found
   *[other] { $count } problems found
}
new-wrote = wrote { $path }

## peixun new
new-invalid-slug = `{ $slug }` is not a valid slug: use lowercase ASCII letters, digits and '-'
new-no-folder = no catalog folder { $dir }: make one first with peixun new catalog { $name }
new-no-catalog-file = { $dir } has no _catalog.md; a project must belong to a published document (peixun new catalog { $name } makes one)
new-slug-taken = the slug `{ $slug }` is taken by { $file }: project URLs are unique across the site
new-exists = { $path } already exists; not overwriting it

## The command line
cli-about = peixun: a static site generator for published teacher-training catalogs
cli-help-template = {"{"}about{"}"}

    Usage: {"{"}usage{"}"}

    Commands:
    {"{"}subcommands{"}"}

    Options:
    {"{"}options{"}"}

    Each command: peixun <command> --help; the editors' guide: docs/editors.md
cli-subcommand-template = {"{"}about{"}"}

    Usage: {"{"}usage{"}"}

    Options:
    {"{"}options{"}"}
cli-subcommand-template-with-arguments = {"{"}about{"}"}

    Usage: {"{"}usage{"}"}

    Arguments:
    {"{"}positionals{"}"}

    Options:
    {"{"}options{"}"}
cli-usage = peixun [--lang zh|en] <COMMAND>
cli-build-usage = peixun build [--root DIR] [--output DIR] [--base-url URL] [--precompress] [--drafts]
cli-check-usage = peixun check [--root DIR] [--strict]
cli-serve-usage = peixun serve [--root DIR] [--bind IP] [--port PORT] [--open]
cli-new-usage = peixun new <FOLDER> <SLUG>  or  peixun new catalog <FOLDER>
cli-import-usage = peixun import <FILE or FOLDER>… [--catalog <FOLDER>] [OPTIONS]
cli-help = Print help
cli-version = Print the version
cli-lang = Language of messages: zh (Chinese, the default) or en; or set PEIXUN_LANG
cli-build-about = Build the whole site into output/ (written only if all of it succeeds; drafts left out)
cli-build-root = Site directory (holding site.toml, content/, themes/); the current one by default
cli-build-output = Output directory [default: ROOT/output]
cli-build-base_url = The site's address, instead of site.toml's base_url (give it when publishing, e.g. https://peixun.example.org/)
cli-build-precompress = Also write a .gz and a .br beside every text file of 1 KB or more (for nginx gzip_static and the like)
cli-build-drafts = Include drafts (marked 草稿), for review
cli-check-about = Check all content and internal links, writing nothing; list drafts and values to review
cli-check-root = Site directory; the current one by default
cli-check-strict = Count drafts and values to review as errors (for checks before publishing)
cli-serve-about = Preview the site on this machine (drafts included): rebuilds on change and reloads open pages
cli-serve-root = Site directory; the current one by default
cli-serve-bind = Address to listen on (this machine only, unless you say otherwise)
cli-serve-port = Port (the next free one is taken if it is in use; 0 = any free port)
cli-serve-open = Open the site in the default browser
cli-new-about = Write a new draft: peixun new <folder> <slug> for a project; peixun new catalog <folder> for a catalog
cli-new-target = The catalog folder the project belongs to, e.g. chongqing-2026; or the word catalog, to make a catalog
cli-new-slug = The project's slug (or the new catalog's folder): lowercase ASCII letters, digits and '-'
cli-new-root = Site directory; the current one by default
cli-import-about = Draft a catalog from a published guide or plan (Word and others)
cli-import-files = The documents: .docx, .doc, .wps, PDF, .xlsx, .xls, .et, .ods, web pages (.html, .mht) or text saved from Word; a folder or several files give one catalog each
cli-import-catalog = The new catalog's folder name under content/ (lowercase ASCII, digits, '-'); by default its place and year (qianjiang-2022); for one document only
cli-import-region = Province-level region (one of site.toml's regions); found in the document if not given
cli-import-district = District or county, for a district's plan (e.g. 黔江区)
cli-import-year = The plan's year; found in the title or first lines if not given
cli-import-kind = Kind of document (one of site.toml's catalog_kinds)
cli-import-level = Level of every project (one of site.toml's levels); guessed from the plan if not given
cli-import-title = The document's title, when its first lines do not give it
cli-import-issuer = Who published it (e.g. 重庆市教育委员会)
cli-import-root = Site directory (holding site.toml and content/); the current one by default
cli-import-dry_run = Print what would be written, and write nothing
cli-error-unknown-argument = unexpected argument { $arg }
cli-error-unknown-command = unrecognized command { $command }
cli-error-missing = missing required arguments: { $args }
cli-error-value = invalid value { $value } for { $arg }
cli-error-no-command = give a command: build, check, serve, new or import
cli-error-too-many = unexpected value { $value }
cli-error-conflict = the argument { $arg } cannot be used with another one given
cli-error-other = the command line is wrong
cli-error-help = see peixun --help

## The preview server
serve-bind-failed = cannot listen on { $addr }: { $error }
serve-bind-help = pass another --port, or stop the program using it
serve-watch-failed = cannot watch the site's files: { $error }
serve-started = previewing the site at { $url } (open it in a browser; pages reload when a file changes; Ctrl-C to stop)
serve-port-taken = port { $port } is in use; using { $instead } instead
serve-no-browser = could not start a browser; open { $url } yourself
serve-still-last-good = the last good site is still served; fix the file and save again
serve-index-rebuilt = search index rebuilt in { $millis } ms
overlay-title = The build failed: the files below have errors, and the last good site is shown. Save a fix and the page reloads.
overlay-title-none = The build failed: the files below have errors, and there is no good site yet. Save a fix and the page reloads.
overlay-page-title = Build failed · peixun preview

serve-rebuilt-changed = rebuilt changed pages in { $millis } ms ({ $pages } pages, incremental)
serve-rebuilt-all = rebuilt the site in { $millis } ms ({ $pages } pages)
serve-rebuilt-aggregates = rebuilt whole-site files in { $millis } ms ({ $count } files)

## peixun import
kind-damaged-zip = a damaged zip archive ({ $error })
kind-pptx = a PowerPoint file (.pptx)
kind-odt = an OpenDocument file (.odt)
kind-zip = a zip archive without a Word document in it
kind-damaged-docx = a damaged .docx ({ $error })
kind-unpacks = a zip that unpacks to { $mb } MB (a plan unpacks to a few MB at most: perhaps a zip bomb)
kind-folder = a folder, not a file
kind-too-large = { $mb } MB, too large for a published plan
kind-not-text = text in neither UTF-8 nor GBK, or a binary file
kind-binary = a binary file of a kind peixun does not know
kind-rtf = an RTF document
kind-old-office = an Office 97-2003 file that is neither a Word document nor an Excel workbook (perhaps a PowerPoint presentation)
kind-damaged-compound = a damaged Office 97-2003 file ({ $error })
kind-word95 = a Word 6.0/95 document, too old a format
kind-scan = a PDF without a text layer (a scan): run text recognition (OCR) first and import its text
kind-needs-poppler = a PDF, and reading PDFs needs poppler’s pdftotext (Debian/Ubuntu: apt-get install poppler-utils), which this machine lacks
kind-damaged-pdf = a damaged PDF ({ $error })
kind-pdf-too-slow = a PDF that took over a minute to read (perhaps damaged or hostile)
kind-damaged-mht = a web archive (.mht) with no web page in it
kind-too-deep = a web page nested { $depth } deep (real pages stay under a few hundred; at most 5,000 are read)
kind-encrypted = a document protected by a password
kind-damaged-sheet = a damaged spreadsheet ({ $error })
kind-sheet-too-large = a spreadsheet whose sheet “{ $sheet }” has { $rows } rows, far more than a project list (at most 20,000 rows are read)
kind-image = a picture ({ $format }), probably a scan
kind-archive = a { $format } archive
import-unsupported = { $path } is { $what }, not a document peixun can read
import-unsupported-help = peixun reads .docx, .doc, .wps, PDF with a text layer, .xlsx, .xls, .et, .ods, web pages (.html, .mht) and text saved from Word (.txt); download or save a damaged file again, and run text recognition (OCR) on a scan first
import-missing-title = the document does not say its title (no line before the first heading ends in 指南, 方案, 计划, …)
import-missing-region = the document does not say its region (no province-level name in its title or first lines)
import-missing-kind = the document does not say its kind (its title names none of site.toml's catalog_kinds)
import-missing-year = the document does not say its year (no 20xx年 in its title or first lines)
import-missing-help = give it with { $option }
import-not-allowed = { $option } `{ $value }` is not one of site.toml's values: { $allowed }
import-no-entries = found no projects in { $path }: no numbered item followed by labelled fields (培训对象：…), and no planning table with a 序号 column
import-exists = { $path } already exists; not overwriting it (nothing was written)
import-exists-help = choose another --catalog, or move the old files away first
import-draft-fails = a draft would not pass `peixun check` (nothing was written):
import-encoding = read the document as { $encoding } text (not UTF-8)
import-wrote = wrote { $catalog } and { $files } project drafts: { $projects } projects, { $work_items } work items, { $figures } figures with their lines
import-would-write = would write { $catalog } and { $files } project drafts: { $projects } projects, { $work_items } work items, { $figures } figures with their lines
import-guessed = to review: { $fields } are guesses, marked 待核对 in each file
import-left-out = figures left out, as the text is not certain (said in each file):
import-kept = kept at the end of { $catalog }, as no project took them (place them by hand):
import-next = next: peixun check lists every value to review; drafts are published once draft = true is deleted
import-dry-run = dry run: nothing was written

## System errors
io-not-found = no such file or folder
io-permission-denied = permission denied
io-already-exists = it already exists
io-storage-full = the disk is full
io-read-only = the file system is read-only
io-is-a-directory = it is a folder
io-not-a-directory = not a folder

## Places
place-elsewhere = `{ $name }` is in { $region }, not in { $here }
place-elsewhere-help = check the province, city and district against China's divisions (GB/T 2260)
place-city-is-county = `{ $name }` is a district or county, not a city
place-city-is-county-help = a district goes in district: district = "{ $name }"
place-unknown = `{ $name }` is not in the table of divisions (GB/T 2260)
place-unknown-help = check its full name (成都市, 黔江区); a new district or a zone may stay

cli-import-city = City, prefecture or league, for a city's plan (e.g. 成都市); placed from the issuer and title if not given

import-place = place: { $place } ({ $why }; to review; by China's divisions, GB/T 2260)
cli-import-one-catalog = --catalog is for one document only: several files or a folder give one catalog each, named by its place and year
import-batch-file = file
import-batch-format = format
import-batch-catalog = catalog
import-batch-entries = entries
import-batch-figures = figures
import-batch-review = to review
import-batch-problem = problem
import-batch-done = { $all } documents: { $ok } drafted{ $failed ->
    [0] {""}
   *[other] , { $failed } unreadable or failed (see “problem”)
}
import-batch-unreadable = unreadable: { $what }
import-batch-no-entries = no entries found

## The progress line of a build that takes more than a second (on a terminal only).
progress-building = building the site: { $step }… { $seconds } s
progress-start = starting
progress-load-content = reading content
progress-page-links = checking links
progress-project-pages = project pages
progress-catalog-pages = catalog pages
progress-facet-pages = facet pages
progress-comparison-pages = comparison tables
progress-search-index = search index
progress-write-files = writing files
