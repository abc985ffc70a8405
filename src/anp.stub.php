<?php

/**
 * @generate-class-entries
 */

namespace {
    /** @refcount 1 */
    function anp_parse(string $text, array $options = []): array {}

    /** @refcount 1 */
    function anp_parse_file(string $path, array $options = []): array {}
}

namespace Anp {
    /** @strict-properties */
    class ParseException extends \RuntimeException
    {
        private string $path = "";
        private int $inputLine = 0;
        private string $reason = "";

        public function __construct(string $path, int $inputLine, string $reason, ?\Throwable $previous = null) {}

        public function getPath(): string {}

        public function getInputLine(): int {}

        public function getReason(): string {}
    }

    /**
     * The WXR 1.2 writer (docs/wxr-writer.md).
     * @strict-properties
     * @not-serializable
     */
    final class WxrWriter
    {
        /** @param string|resource $target */
        public function __construct(mixed $target, bool $items_only = false) {}

        public function startChannel(array $channel): void {}

        public function writeAuthor(array $author): void {}

        public function writeCategory(array $term): void {}

        public function writeTag(array $term): void {}

        public function writeTerm(array $term): void {}

        public function beginItems(): void {}

        public function writeItem(array $item): int {}

        public function bytes(): int {}

        /** @return array{items: int, bytes: int, dropped: int} */
        public function finish(): array {}
    }

    /** @strict-properties */
    class WxrException extends \RuntimeException
    {
        public string $field = "";
    }
}
