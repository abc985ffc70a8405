<?php
// Writes what export_wp() writes, once by core and once through
// Anp\WxrWriter from the same rows (values taken as the contract says the
// site export takes them), and compares the bytes.
register_taxonomy('genre', 'post', ['hierarchical' => true, 'public' => true]);
require_once ABSPATH . 'wp-admin/includes/export.php';
$content = $argv[1] ?? 'post';
$out_dir = $argv[2];

ob_start();
export_wp(['content' => $content]);
$core = ob_get_clean();
file_put_contents("$out_dir/core-$content.xml", $core);

global $wpdb, $wp_query;
preg_match('~generator="([^"]*)" created="([^"]*)"~', $core, $gen);
preg_match('~<channel>\n\t<title>.*?<pubDate>(.*?)</pubDate>~s', $core, $pub);
preg_match_all('~<wp:post_id>(\d+)</wp:post_id>~', $core, $ids);
$post_ids = array_map('intval', $ids[1]);

ob_start();
do_action('rss2_head');
$head = ob_get_clean();
preg_match('~<generator>(.*?)</generator>~', $head, $g);

$path = "$out_dir/anp-$content.xml";
// every call, kept to replay without WordPress (tests/wxr_core_bytes.phpt)
$w = new class($path) {
    public array $calls = [];
    private Anp\WxrWriter $w;
    public function __construct(string $path) { $this->w = new Anp\WxrWriter($path); }
    public function __call($name, $args) { $this->calls[] = [$name, $args[0] ?? null]; return $this->w->$name(...$args); }
};
$w->startChannel([
    'title' => get_bloginfo_rss('name'),
    'link' => get_bloginfo_rss('url'),
    'description' => get_bloginfo_rss('description'),
    'pubDate' => $pub[1],   // the time of core's run
    'language' => get_bloginfo_rss('language'),
    'base_site_url' => wxr_site_url(),
    'base_blog_url' => get_bloginfo_rss('url'),
    'generator' => $gen[1],
    'created' => $gen[2],
    'generator_url' => $g[1] ?? '',
]);
$and = $post_ids ? 'AND ID IN ( ' . implode(', ', $post_ids) . ')' : '';
foreach ($wpdb->get_results("SELECT DISTINCT post_author FROM $wpdb->posts WHERE post_status != 'auto-draft' $and") as $r) {
    $u = get_userdata($r->post_author);
    if ($u) {
        $w->writeAuthor(['id' => $u->ID, 'login' => $u->user_login, 'email' => $u->user_email, 'display_name' => $u->display_name, 'first_name' => $u->first_name, 'last_name' => $u->last_name]);
    }
}
$term_meta = function ($t) use ($wpdb) {
    $meta = [];
    foreach ($wpdb->get_results($wpdb->prepare("SELECT * FROM $wpdb->termmeta WHERE term_id = %d", $t->term_id)) as $m) {
        if (!apply_filters('wxr_export_skip_termmeta', false, $m->meta_key, $m)) {
            $meta[] = ['key' => $m->meta_key, 'value' => $m->meta_value];
        }
    }
    return $meta;
};
if ('all' === $content) {
    $parent_first = function (array $list) {
        $out = [];
        while ($t = array_shift($list)) {
            if (!$t->parent || isset($out[$t->parent])) {
                $out[$t->term_id] = $t;
            } else {
                $list[] = $t;
            }
        }
        return $out;
    };
    $cats = $parent_first((array) get_categories(['get' => 'all']));
    foreach ($cats as $c) {
        $w->writeCategory(['term_id' => $c->term_id, 'slug' => $c->slug, 'parent' => $c->parent ? $cats[$c->parent]->slug : '', 'name' => $c->name, 'description' => $c->description, 'meta' => $term_meta($c)]);
    }
    foreach ((array) get_tags(['get' => 'all']) as $t) {
        $w->writeTag(['term_id' => $t->term_id, 'slug' => $t->slug, 'name' => $t->name, 'description' => $t->description, 'meta' => $term_meta($t)]);
    }
    $terms = $parent_first((array) get_terms(['taxonomy' => get_taxonomies(['_builtin' => false]), 'get' => 'all']));
    foreach ($terms as $t) {
        $w->writeTerm(['term_id' => $t->term_id, 'taxonomy' => $t->taxonomy, 'slug' => $t->slug, 'parent' => $t->parent ? $terms[$t->parent]->slug : '', 'name' => $t->name, 'description' => $t->description, 'meta' => $term_meta($t)]);
    }
}
$wp_query->in_the_loop = true;
foreach ($post_ids as $id) {
    $post = get_post($id);
    $GLOBALS['post'] = $post;
    setup_postdata($post);
    ob_start();
    the_permalink_rss();
    $link = ob_get_clean();
    ob_start();
    the_guid();
    $guid = ob_get_clean();
    $item = [
        'title' => apply_filters('the_title_export', $post->post_title),
        'link' => $link,
        'pubDate' => mysql2date('D, d M Y H:i:s +0000', get_post_time('Y-m-d H:i:s', true), false),
        'creator' => get_the_author_meta('login'),
        'guid' => $guid,
        'content' => apply_filters('the_content_export', $post->post_content),
        'excerpt' => apply_filters('the_excerpt_export', $post->post_excerpt),
        'post_id' => $post->ID,
        'post_date' => $post->post_date,
        'post_date_gmt' => $post->post_date_gmt,
        'post_modified' => $post->post_modified,
        'post_modified_gmt' => $post->post_modified_gmt,
        'comment_status' => $post->comment_status,
        'ping_status' => $post->ping_status,
        'post_name' => $post->post_name,
        'status' => $post->post_status,
        'post_parent' => $post->post_parent,
        'menu_order' => $post->menu_order,
        'post_type' => $post->post_type,
        'post_password' => $post->post_password,
        'is_sticky' => is_sticky($post->ID) ? 1 : 0,
        'categories' => [],
        'meta' => [],
        'comments' => [],
    ];
    if ('attachment' === $post->post_type) {
        $item['attachment_url'] = wp_get_attachment_url($post->ID);
    }
    $taxonomies = get_object_taxonomies($post->post_type);
    if ($taxonomies) {
        foreach ((array) wp_get_object_terms($post->ID, $taxonomies) as $t) {
            $item['categories'][] = ['domain' => $t->taxonomy, 'nicename' => $t->slug, 'name' => $t->name];
        }
    }
    foreach ($wpdb->get_results($wpdb->prepare("SELECT * FROM $wpdb->postmeta WHERE post_id = %d", $post->ID)) as $m) {
        if (!apply_filters('wxr_export_skip_postmeta', false, $m->meta_key, $m)) {
            $item['meta'][] = ['key' => $m->meta_key, 'value' => $m->meta_value];
        }
    }
    $rows = $wpdb->get_results($wpdb->prepare("SELECT * FROM $wpdb->comments WHERE comment_post_ID = %d AND comment_approved <> 'spam'", $post->ID));
    foreach (array_map('get_comment', $rows) as $c) {
        $cm = [];
        foreach ($wpdb->get_results($wpdb->prepare("SELECT * FROM $wpdb->commentmeta WHERE comment_id = %d", $c->comment_ID)) as $m) {
            if (!apply_filters('wxr_export_skip_commentmeta', false, $m->meta_key, $m)) {
                $cm[] = ['key' => $m->meta_key, 'value' => $m->meta_value];
            }
        }
        $item['comments'][] = ['id' => $c->comment_ID, 'author' => $c->comment_author, 'author_email' => $c->comment_author_email,
            'author_url' => sanitize_url($c->comment_author_url), 'author_ip' => $c->comment_author_IP, 'date' => $c->comment_date,
            'date_gmt' => $c->comment_date_gmt, 'content' => $c->comment_content, 'approved' => $c->comment_approved,
            'type' => $c->comment_type, 'parent' => $c->comment_parent, 'user_id' => $c->user_id, 'meta' => $cm];
    }
    $w->writeItem($item);
}
$totals = $w->finish();
file_put_contents("$out_dir/calls-$content.inc", "<?php\n// The calls that wrote anp-$content.xml (compare.php in the sandbox)\nreturn " . var_export(array_slice($w->calls, 0, -1), true) . ";\n");
$anp = file_get_contents($path);
// the items, each cut from "\t<item>" to the next one or </channel>
$items = fn($doc) => preg_split('~(?=\t<item>\n)~', substr($doc, strpos($doc, "\t<item>\n") ?: strlen($doc), strpos($doc, '</channel>') - (strpos($doc, "\t<item>\n") ?: strlen($doc))), -1, PREG_SPLIT_NO_EMPTY);
$ci = $items($core);
$ai = $items($anp);
$same = 0;
foreach ($ci as $i => $chunk) {
    $same += ($ai[$i] ?? null) === $chunk ? 1 : 0;
}
printf("content=%s: %d items in core, %d written, %d identical; whole document %s (%d bytes core, %d anp)\n",
    $content, count($ci), $totals['items'], $same, $anp === $core ? 'IDENTICAL' : 'DIFFERENT', strlen($core), strlen($anp));
