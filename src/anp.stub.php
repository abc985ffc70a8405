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
}
