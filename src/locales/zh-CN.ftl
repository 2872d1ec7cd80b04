# peixun 的中文信息。每条信息的编号与 en.ftl 相同；{ $name } 处填入参数。
# 写法见 https://projectfluent.org/ 。

test-message = { $name }：{ $n }

## TOML：格式与类型
toml-syntax = TOML 格式错误：{ $detail }
syntax-key-without-value = 字段名后面缺少“=”和值
syntax-unquoted = 文字要用英文双引号 " 括起来
syntax-missing-comma = 列表各项之间缺少英文逗号 ,
syntax-unclosed-string = 引号没有成对（开头的英文双引号 " 没有对应的结尾）
syntax-duplicate-key = 同一个字段写了两次
syntax-unclosed-table = 方括号 [ 没有对应的 ]
syntax-unclosed-array = 列表的方括号 [ 没有对应的 ]
syntax-number = 数字的写法不对
syntax-boolean = 这里应为 true 或 false
syntax-empty-key = 等号前面缺少字段名
syntax-unexpected = 这一行多出了内容（一行只写一个字段）
syntax-other = { $message }
slip-quote = 用了中文引号 “ ”：TOML 的文字要用英文双引号 " 括起来
slip-comma = 用了中文逗号“，”：列表各项之间要用英文逗号 ,
slip-equals = 用了中文等号“＝”：字段名和值之间要用英文等号 =
slip-colon = 用了中文冒号“：”：字段名和值之间要用英文等号 =
slip-bracket = 用了中文方括号：列表要用英文方括号 [ ]
slip-space = 用了全角空格：请改为普通空格
slip-fix = 改为：{ $line }
slip-unit = 数字后面带了单位“{ $unit }”：`{ $key }` 只写数字
slip-unit-help = 去掉单位，写成 { $key } = { $number }（单位由网站统一显示）
slip-unquoted = 文字没有加引号：`{ $key }` 的值要用英文双引号括起来
field-unknown = 未知字段 `{ $name }`
did-you-mean = 是不是 `{ $suggestion }`？
field-list = 可用的字段：{ $fields }
field-missing = 缺少字段 `{ $name }`
field-missing-help = 加上一行 { $name } = …
field-type = `{ $name }` 应为{ $kind }，例如 { $name } = { $example }
kind-integer = 整数
kind-number = 数字
kind-list = 列表
kind-text = 文字（用英文双引号括起来）
kind-bool = true 或 false
kind-table = 表（用 { "{" } … { "}" } 括起来）
found-text = 现在写的是带引号的文字 { $written }：数字不加引号
found-decimal = 现在写的是小数 { $written }：这里只能写整数
found-negative = 现在写的是 { $written }：这里只能写正整数
found-other = 现在写的是 { $written }

## 诊断信息的格式
label-error = 错误：
label-warning = 待办：
label-help = 提示：

## 读取内容文件
read-failed = 无法读取：{ $error }
read-too-large = 文件有 { $size } MiB，内容文件最大 { $limit } MiB
read-too-large-help = 拆成几个文件，或把附件移出 content/
read-binary = 文件中有 NUL 字节：这像是二进制文件，不是 Markdown
read-not-utf8 = 文件不是 UTF-8 编码（第 { $byte } 字节，第 { $line } 行第 { $column } 列）
read-not-utf8-help = 请另存为 UTF-8：用 Word 或记事本存成 GBK（ANSI）的文件需要转换
front-missing = 缺少文件头：文件必须以一行 +++ 开头
front-missing-help = 第一行写 +++，接着写各字段，再写一行 +++
front-unclosed = 文件头没有结束：缺少第二行 +++
front-unclosed-help = 在最后一个字段后面加一行 +++

## 内容目录
walk-link-loop = 符号链接形成循环：这个链接又指回 { $target }
walk-link-help = 删除或改正这个链接
walk-bad-folder = 文件夹名 `{ $name }` 不能用作网址
walk-bad-folder-help = 只用小写英文字母、数字和“-”，例如 chongqing-2026
walk-nested-folder = 发布文件的文件夹里不能再有文件夹（不会读取）
walk-nested-folder-help = 把项目文件直接放在 content/<文件夹>/ 下
walk-outside-catalog = 内容文件要放在某个发布文件的文件夹里
walk-outside-catalog-help = 移到 content/<文件夹>/ 下
walk-not-markdown = `{ $name }` 不是 Markdown 文件
walk-not-markdown-help = content/ 里只放 .md 文件：一个 _catalog.md，每个项目一个 <网址名>.md
walk-bad-slug = 文件名 `{ $name }` 不能用作网址
walk-bad-slug-help = 文件名就是项目的网址：只用小写英文字母、数字和“-”
walk-bad-slug-rename = 文件名就是项目的网址：改名为 `{ $suggestion }.md`
walk-no-catalog = 文件夹 `{ $dir }` 里有 { $count } 个项目文件，但没有 _catalog.md
walk-no-catalog-help = 新建 content/{ $dir }/_catalog.md，写明这些项目出自哪份发布文件（peixun new catalog { $dir }）
walk-duplicate-slug = 网址名 `{ $slug }` 重复：/projects/{ $slug }/ 会由 { $files } 同时写出
walk-duplicate-slug-help = 项目文件名在所有发布文件中必须唯一：改掉其中一个
and = { " 和 " }

## site.toml
config-unreadable = 无法读取 { $path }：{ $error }
config-missing-help = 请在网站文件夹里运行 peixun，或用 --root 指定网站文件夹
config-permissions-help = 检查文件的读取权限
config-not-utf8 = site.toml 不是 UTF-8 编码（第 { $byte } 字节起）
config-unknown-facet = 未知的筛选维度 `{ $key }`
config-facets-are = 可用的维度：{ $facets }
config-spelling-target = [spellings] 把 `{ $word }` 写作 `{ $target }`，但 `{ $target }` 不在任何词表中
config-spelling-target-help = 写作的值要在 [vocabularies] 的某个词表中
config-category-key = 类别的键 `{ $key }` 只能用小写英文字母、数字和“-”
config-category-overview = 类别的键 `overview` 已被对比总表占用
config-category-twice = 类别 `{ $key }` 声明了两次
config-base-url = base_url `{ $url }` 必须以 http://、https:// 或 / 开头
synonym-group-short = 一组同义词至少要有两个词
synonym-group-short-help = 一组写作 ["研训员", "教研员"]
synonym-empty = 同义词是空的
synonym-twice = `{ $word }` 出现在两组同义词中
synonym-twice-help = 把两组合成一组，或只在其中一组保留这个词

## 字段的值
vocab-not-allowed = `{ $value }` 不是 `{ $field }` 允许的值
vocab-spelling = 本站把“{ $word }”统一写作 `{ $value }`（site.toml 的 [spellings]）
vocab-spelling-many = 本站把“{ $word }”分开写：{ $field } = [{ $list }]（site.toml 的 [spellings]）
vocab-synonym = 本站统一写作 `{ $value }`（site.toml 的同义词：{ $group }）
vocab-category-label = 这是类别的名称；category 要写类别的键：category = "{ $key }"
vocab-typo = 是不是 `{ $suggestion }`？（允许的值在 site.toml 中声明）
vocab-none-declared = 请在 site.toml 的 [vocabularies] 中声明允许的值
vocab-allowed = 允许的值：{ $values }
vocab-twice = `{ $value }` 在 `{ $field }` 中写了两次
value-zero = `{ $field }` 是 0
value-zero-help = 原文没有写的数字就删去 `{ $field }` 这一行；写 0 会被当成真实的数字
value-empty = `{ $field }` 是空的
year-out-of-range = 年份 { $year } 不对
year-help = 写计划的年份，例如 year = 2026
year-missing-help = 写计划的年份，例如 year = 2026（只有指导方案可以不写）
parts-sum = offline_parts 加起来是 { $sum } 天，但 offline_days 是 { $total } 天
parts-sum-help = 各部分是总天数的拆分：改正其中一个
parts-without-total = 写了 offline_parts，但没有 offline_days
parts-without-total-help = 在 offline_days 中写总天数
funding-amount = 经费金额 { $amount } 必须是正数

## 链接
link-scheme = 不允许 `{ $scheme }:` 开头的链接：`{ $link }`
link-no-scheme = 链接 `{ $link }` 缺少 https:// 这样的开头
link-relative = 相对链接 `{ $link }`
link-empty = 链接是空的
link-no-scheme-help = 网址前面加上 https://（或 http://）
link-relative-help = 本站页面的链接从网站根目录写起，例如 /projects/<网址名>/
link-allowed-help = 链接只能是 http:// 或 https:// 网址、mailto: 邮箱，或本站页面（/projects/<网址名>/）
content-missing = { $root } 里没有 content/ 文件夹
content-missing-help = 新建 content/<文件夹>/_catalog.md，每个项目一个 <网址名>.md（peixun new catalog <文件夹>）
content-no-catalogs = content/ 里没有发布文件
content-no-catalogs-help = 新建 content/<文件夹>/_catalog.md（peixun new catalog <文件夹>）

## 全站检查
dead-from-one = 出现在 /{ $page }
dead-from-many = 出现在 { $count } 个页面，例如 /{ $page }
dead-one = 主题链接到 /{ $target }，但本次生成不会写出这个页面（{ $from }）
dead-more = 等 { $count } 个
dead-many = 主题链接到 /{ $folder } 下的 { $count } 个页面，但本次生成不会写出它们：{ $pages }（{ $from }）
dead-help = 这些链接来自主题的某个模板：检查模板，以及 site.toml 中的筛选维度和类别
guidance-undefined = 类别 `{ $key }` 在国家指导方案中编号为 { $number }，但指导方案中没有哪个条目定义它
guidance-undefined-help = 在指导方案中加一个 category = "{ $key }" 的条目；若指导方案没有这类项目，就删去该类别的 guidance
guidance-number = 这个条目定义类别 `{ $key }`，site.toml 编号为 { $number }，但条目编号是 { $entry }
guidance-number-help = 让条目的 number 与 site.toml 中该类别的 guidance 一致
guidance-unnumbered = 这个条目定义类别 `{ $key }`，但 site.toml 没有给它指导方案编号
guidance-unnumbered-help = 在 site.toml 中给该类别写 guidance = "{ $number }"
guidance-twice = 类别 `{ $key }` 已经由 { $file } 定义
guidance-twice-help = 每类项目只由指导方案中的一个条目定义
link-no-page = 链接到 `{ $link }`，但本站没有这个页面
theme-missing = 找不到主题 `{ $name }`：没有文件夹 { $folder }/
theme-unreadable = 无法读取主题：{ $error }
write-failed = 无法写入 { $path }：{ $error }
write-failed-here = 无法写入：{ $error }
problems-nothing-written = 发现 { $count } 个问题，没有写入任何文件

## 主题
template-error = 模板错误：{ $detail }

## 草稿与待核对
review-draft = 草稿：不会发布
review-draft-help = 核对完所有内容后删去 draft = true 这一行，才会发布（peixun build --drafts 可先生成含草稿的网站）
review-marker = 待核对：{ $what }
review-marker-help = 核对原文，改正这个值，然后删去这条“待核对”注释
title-template = 标题还是模板里的“（请填写项目名称）”
title-template-help = 照原文写项目名称；没有写完的项目请保留 draft = true

## 生成与检查
build-loopback = base_url 是 { $url }：{ $host } 只有这台电脑能访问，网站地图、订阅、catalog.json 和 CSV 里的链接发布后会打不开
build-loopback-help = 发布时用 --base-url 写网站的正式地址，例如 peixun build --base-url https://peixun.example.org/
build-done = 已生成 { $projects } 个项目（{ $catalogs } 份发布文件），写入 { $output }，用时 { $millis } 毫秒：共 { $files } 个文件，写入 { $written } 个，未变 { $unchanged } 个，删除 { $removed } 个
build-drafts-left-out = { $count } 个草稿文件没有发布（peixun check 列出它们；peixun build --drafts 可生成含草稿的网站）
check-done = 检查通过：{ $catalogs } 份发布文件，{ $projects } 个项目，没有错误
check-to-do = ；还有 { $count } 项待办（见上）
check-strict-failed = 还有 { $count } 项待办（草稿或待核对）；--strict 要求全部处理完
problems-found = 发现 { $count } 个问题
new-wrote = 已写入 { $path }

## peixun new
new-invalid-slug = `{ $slug }` 不能用作网址名：只用小写英文字母、数字和“-”
new-no-folder = 没有发布文件的文件夹 { $dir }：先用 peixun new catalog { $name } 新建
new-no-catalog-file = { $dir } 里没有 _catalog.md：项目必须属于一份发布文件（peixun new catalog { $name } 可新建）
new-slug-taken = 网址名 `{ $slug }` 已被 { $file } 使用：项目的网址在全站必须唯一
new-exists = { $path } 已经存在，不会覆盖

## 命令行
cli-about = peixun：把教师培训项目申报指南和工作计划做成可搜索、可对比的网站
cli-help-template = {"{"}about{"}"}

    用法：{"{"}usage{"}"}

    命令：
    {"{"}subcommands{"}"}

    选项：
    {"{"}options{"}"}

    每个命令的说明：peixun <命令> --help；编辑指南：docs/editors.md
cli-subcommand-template = {"{"}about{"}"}

    用法：{"{"}usage{"}"}

    选项：
    {"{"}options{"}"}
cli-subcommand-template-with-arguments = {"{"}about{"}"}

    用法：{"{"}usage{"}"}

    参数：
    {"{"}positionals{"}"}

    选项：
    {"{"}options{"}"}
cli-usage = peixun [--lang zh|en] <命令>
cli-build-usage = peixun build [--root 网站文件夹] [--output 输出文件夹] [--base-url 网址] [--precompress] [--drafts]
cli-check-usage = peixun check [--root 网站文件夹] [--strict]
cli-serve-usage = peixun serve [--root 网站文件夹] [--bind 地址] [--port 端口] [--open]
cli-new-usage = peixun new <文件夹> <网址名>  或  peixun new catalog <文件夹>
cli-import-usage = peixun import <文件或文件夹>… [--catalog <文件夹>] [选项]
cli-help = 显示帮助
cli-version = 显示版本
cli-lang = 信息的语言：zh（中文，默认）或 en（英文）；也可设 PEIXUN_LANG
cli-build-about = 生成整个网站到 output/（全部成功才写入；草稿不发布）
cli-build-root = 网站文件夹（含 site.toml、content/、themes/），默认当前文件夹
cli-build-output = 输出文件夹，默认 网站文件夹/output
cli-build-base_url = 网站的正式地址，替代 site.toml 的 base_url（发布时必填，如 https://peixun.example.org/）
cli-build-precompress = 同时为 1 KB 以上的文本文件写 .gz 和 .br（供 nginx gzip_static 等使用）
cli-build-drafts = 草稿也生成（带“草稿”标记），用于内部审阅
cli-check-about = 检查全部内容和站内链接，不写入任何文件；列出草稿和待核对的值
cli-check-root = 网站文件夹，默认当前文件夹
cli-check-strict = 草稿或待核对的值也算错误（用于发布前的自动检查）
cli-serve-about = 在本机预览网站（含草稿）：改动文件后自动重新生成并刷新打开的页面
cli-serve-root = 网站文件夹，默认当前文件夹
cli-serve-bind = 监听的地址（默认只有本机能访问）
cli-serve-port = 端口（被占用时用下一个空闲端口；0 = 任意空闲端口）
cli-serve-open = 在默认浏览器中打开网站
cli-new-about = 新建草稿：peixun new <文件夹> <网址名> 新建项目文件；peixun new catalog <文件夹> 新建发布文件
cli-new-target = 项目所属发布文件的文件夹，如 chongqing-2026；或者写 catalog，新建发布文件
cli-new-slug = 项目的网址名（或新发布文件的文件夹名）：小写英文字母、数字和“-”
cli-new-root = 网站文件夹，默认当前文件夹
cli-import-about = 把一份已发布的指南或计划（Word 等）起草成发布文件和项目草稿
cli-import-files = 要导入的文件：.docx、.doc、.wps、PDF、.xlsx、.xls、.et、.ods、网页（.html、.mht）或从 Word 另存的文本；也可以是文件夹或几个文件，每个文件导入为一份发布文件
cli-import-catalog = 新发布文件在 content/ 下的文件夹名（小写英文字母、数字和“-”）；不写则按地点和年度起名（如 qianjiang-2022）；只能用于一个文件
cli-import-region = 省级地区（site.toml 的 regions 之一）；不写则按发布单位和标题中的地名推定（GB/T 2260 行政区划）
cli-import-district = 区县，用于区县的计划（如 黔江区）
cli-import-year = 计划年度；不写则从标题或开头几行中找
cli-import-kind = 文件类型（site.toml 的 catalog_kinds 之一）
cli-import-level = 全部项目的级别（site.toml 的 levels 之一）；不写则按计划推断
cli-import-title = 文件标题，开头几行中没有时写
cli-import-issuer = 发布单位（如 重庆市教育委员会）
cli-import-root = 网站文件夹（含 site.toml 和 content/），默认当前文件夹
cli-import-dry_run = 只显示会写出的内容，不写入
cli-error-unknown-argument = 不认识的参数 { $arg }
cli-error-unknown-command = 不认识的命令 { $command }
cli-error-missing = 缺少必填的参数：{ $args }
cli-error-value = 参数 { $arg } 的值 { $value } 不对
cli-error-no-command = 请写一个命令：build、check、serve、new 或 import
cli-error-too-many = 多出了参数 { $value }
cli-error-conflict = 参数 { $arg } 不能和另一个参数同时使用
cli-error-other = 命令行有误
cli-error-help = 用法见 peixun --help

## 预览服务器
serve-bind-failed = 无法在 { $addr } 上监听：{ $error }
serve-bind-help = 用 --port 换一个端口，或关掉正在占用它的程序
serve-watch-failed = 无法监视网站文件的变化：{ $error }
serve-started = 正在预览网站：{ $url }（用浏览器打开这个地址；改动文件后页面自动刷新；按 Ctrl-C 停止）
serve-port-taken = 端口 { $port } 已被占用，改用 { $instead }
serve-no-browser = 无法打开浏览器，请自己打开 { $url }
serve-still-last-good = 预览中仍是上一次成功生成的网站；改正文件并保存后会自动更新
serve-index-rebuilt = 搜索索引已更新，用时 { $millis } 毫秒
overlay-title = 生成失败：以下文件有错误，网站仍显示上一次成功的版本。修改并保存后自动刷新。
overlay-title-none = 生成失败：以下文件有错误，网站还没有成功生成过。修改并保存后自动刷新。
overlay-page-title = 生成失败 · peixun 预览

serve-rebuilt-changed = 已重新生成改动的页面，用时 { $millis } 毫秒（{ $pages } 个页面）
serve-rebuilt-all = 已重新生成整个网站，用时 { $millis } 毫秒（{ $pages } 个页面）
serve-rebuilt-aggregates = 已重新生成全站文件，用时 { $millis } 毫秒（{ $count } 个文件）

## peixun import
kind-damaged-zip = 一个损坏的 zip 压缩包（{ $error }）
kind-pptx = 一个 PowerPoint 文件（.pptx）
kind-odt = 一个 OpenDocument 文件（.odt）
kind-zip = 一个不含 Word 文档的 zip 压缩包
kind-damaged-docx = 一个损坏的 .docx（{ $error }）
kind-unpacks = 一个解压后有 { $mb } MB 的压缩文件（正常的计划解压后不到几 MB，这可能是“压缩炸弹”）
kind-folder = 一个文件夹，不是文件
kind-too-large = 一个 { $mb } MB 的文件，比发布的计划大得多
kind-not-text = 既不是 UTF-8 也不是 GBK 编码的文本，或者是二进制文件
kind-binary = 一个 peixun 不认识的二进制文件
kind-rtf = 一份 RTF 文档
kind-old-office = 一个 Office 97-2003 文件，但不是 Word 文档或 Excel 工作簿（可能是 PowerPoint 演示文稿）
kind-damaged-compound = 一个损坏的 Office 97-2003 文件（{ $error }）
kind-word95 = 一份 Word 6.0/95 文档，格式太旧
kind-scan = 一个没有文字层的 PDF（扫描件）：要先做文字识别（OCR），再导入识别出的文字
kind-needs-poppler = 一个 PDF，读取 PDF 需要 poppler 的 pdftotext（Debian/Ubuntu：apt-get install poppler-utils），这台电脑上没有
kind-damaged-pdf = 一个损坏的 PDF（{ $error }）
kind-pdf-too-slow = 一个 PDF，读取超过 1 分钟仍未完成（可能是损坏的或异常的文件）
kind-damaged-mht = 一个没有网页内容的网页存档（.mht）
kind-too-deep = 一个嵌套了 { $depth } 层的网页（真实的网页不超过几百层，最多读 5000 层）
kind-encrypted = 一份设了打开密码的文档
kind-damaged-sheet = 一个损坏的电子表格（{ $error }）
kind-sheet-too-large = 一个电子表格，其中工作表“{ $sheet }”有 { $rows } 行，比项目一览表大得多（最多读 20000 行）
kind-image = 一张图片（{ $format }），可能是扫描件
kind-archive = 一个 { $format } 压缩包
import-unsupported = { $path } 是{ $what }，peixun 读不了
import-unsupported-help = peixun 读得了 .docx、.doc、.wps、有文字层的 PDF、.xlsx、.xls、.et、.ods、网页（.html、.mht）和从 Word 另存的文本（.txt）；损坏的文件请重新下载或另存一份，扫描件要先做文字识别（OCR）
import-missing-title = 文件中找不到标题（第一个标题前没有以“指南”“方案”“计划”等结尾的行）
import-missing-region = 文件中找不到省级地区（标题和开头几行中没有省级地名）
import-missing-kind = 文件中找不到文件类型（标题中没有 site.toml 的 catalog_kinds）
import-missing-year = 文件中找不到年度（标题和开头几行中没有“20xx年”）
import-missing-help = 用 { $option } 写明
import-not-allowed = { $option } 的值 `{ $value }` 不在 site.toml 中：{ $allowed }
import-no-entries = { $path } 中找不到项目：没有带编号、后面跟着“培训对象：”等字段的条目，也没有带“序号”列的规划表
import-exists = { $path } 已经存在，不会覆盖（没有写入任何文件）
import-exists-help = 换一个 --catalog，或先把旧文件移走
import-draft-fails = 有草稿通不过 peixun check（没有写入任何文件）：
import-encoding = 按 { $encoding } 编码读取了文件（不是 UTF-8）
import-wrote = 已写入 { $catalog } 和 { $files } 个项目草稿：{ $projects } 个项目，{ $work_items } 项专项工作，{ $figures } 个数字（都注明了出处行）
import-would-write = 将写入 { $catalog } 和 { $files } 个项目草稿：{ $projects } 个项目，{ $work_items } 项专项工作，{ $figures } 个数字（都注明了出处行）
import-guessed = 待核对：{ $fields } 是推测的，每个文件中都标了“待核对”
import-left-out = 原文不够确定、没有填入的数字（各文件中有说明）：
import-kept = 没有项目用到的内容保留在 { $catalog } 末尾（请手工放到合适的位置）：
import-next = 下一步：peixun check 列出每一处待核对；核对完删去 draft = true 后才会发布
import-dry-run = 试运行：没有写入任何文件

## 系统错误
io-not-found = 文件或文件夹不存在
io-permission-denied = 没有权限
io-already-exists = 已经存在
io-storage-full = 磁盘已满
io-read-only = 文件系统是只读的
io-is-a-directory = 这是一个文件夹
io-not-a-directory = 不是文件夹

## 地点
place-elsewhere = `{ $name }` 属于{ $region }，不在{ $here }
place-elsewhere-help = 按行政区划（GB/T 2260）核对省、市、区县的写法；同名的地方要写它所在的省和市
place-city-is-county = `{ $name }` 是区县，不是地级市
place-city-is-county-help = 区县写在 district 中：district = "{ $name }"
place-unknown = `{ $name }` 不在行政区划表（GB/T 2260）中
place-unknown-help = 核对它的全称（如“成都市”“黔江区”）；新设的区县或功能区可以保留

cli-import-city = 地级市、州、地区或盟，用于市的计划（如 成都市）；不写则按发布单位和标题推定

import-place = 地点：{ $place }（{ $why }，待核对；按行政区划 GB/T 2260）
cli-import-one-catalog = --catalog 只能用于一个文件：几个文件或一个文件夹会导入为几份发布文件，各自按地点和年度起名
import-batch-file = 文件
import-batch-format = 格式
import-batch-catalog = 发布文件
import-batch-entries = 项目
import-batch-figures = 数字
import-batch-review = 待核对
import-batch-problem = 问题
import-batch-done = 共 { $all } 份文件：{ $ok } 份已起草{ $failed ->
    [0] {""}
   *[other] ，{ $failed } 份读不了或起草失败（见“问题”）
}
import-batch-unreadable = 读不了：{ $what }
import-batch-no-entries = 找不到项目

## The progress line of a build that takes more than a second (on a terminal only).
progress-building = 正在生成网站：{ $step }……已用 { $seconds } 秒
progress-start = 准备
progress-load-content = 读取内容
progress-page-links = 检查站内链接
progress-project-pages = 生成项目页面
progress-catalog-pages = 生成发布文件页面
progress-facet-pages = 生成分类页面
progress-comparison-pages = 生成对比表
progress-search-index = 建立搜索索引
progress-write-files = 写入文件
