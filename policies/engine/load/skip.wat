;; The structural skip of load/sections.ts (skipValue on an object or a list), in WebAssembly
;; with 128-bit SIMD. Scanning a plan's sections is pure byte work: in JavaScript it cost about
;; 4 ns a byte (0.8 s of a 200 MB plan); here about 0.6 ns. Assembled into skip-wasm.ts by
;; `npm run build:wasm`; test/engine/load/fast-skip.test.ts checks that the two agree.
;;
;; skip(i, end): `i` is the offset in memory of a `{` or `[`; `end` is the offset just after the
;; input. Returns the offset just after the matching `}` or `]`, or:
;;   -1  the input ends first (or a string is not closed),
;;   -2  nesting is deeper than 512 (MAX_DEPTH in sections.ts).
;; The caller leaves at least 16 bytes of memory after `end`: a string is searched 16 bytes at
;; a time and the last load may reach past the input (anything found there is refused).
(module
  (import "env" "memory" (memory 1))
  (func (export "skip") (param $i i32) (param $end i32) (result i32)
    (local $depth i32)
    (local $b i32)
    (local $found i32)
    (block $fail
      (loop $next
        (br_if $fail (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $b (i32.load8_u (local.get $i)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        ;; `"`: skip the string. Inside it only `"` (the end) and `\` (escapes the next byte) matter.
        (if (i32.eq (local.get $b) (i32.const 0x22))
          (then
            (loop $in_string
              ;; Bit k set where byte i+k is `"` or `\`.
              (local.set $found
                (i8x16.bitmask
                  (v128.or
                    (i8x16.eq (v128.load (local.get $i)) (i8x16.splat (i32.const 0x22)))
                    (i8x16.eq (v128.load (local.get $i)) (i8x16.splat (i32.const 0x5c))))))
              (if (i32.eqz (local.get $found))
                (then
                  (local.set $i (i32.add (local.get $i) (i32.const 16)))
                  (br_if $fail (i32.ge_u (local.get $i) (local.get $end)))
                  (br $in_string)))
              (local.set $i (i32.add (local.get $i) (i32.ctz (local.get $found))))
              (br_if $fail (i32.ge_u (local.get $i) (local.get $end)))
              (local.set $b (i32.load8_u (local.get $i)))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              ;; `\`: the next byte is escaped, whatever it is; keep searching after it.
              (if (i32.eq (local.get $b) (i32.const 0x5c))
                (then
                  (local.set $i (i32.add (local.get $i) (i32.const 1)))
                  (br $in_string))))
            (br $next)))
        ;; `{` (0x7b) or `[` (0x5b): one level deeper. Setting bit 0x20 maps `[` to `{`.
        (if (i32.eq (i32.or (local.get $b) (i32.const 0x20)) (i32.const 0x7b))
          (then
            (local.set $depth (i32.add (local.get $depth) (i32.const 1)))
            (if (i32.gt_u (local.get $depth) (i32.const 512))
              (then (return (i32.const -2))))
            (br $next)))
        ;; `}` (0x7d) or `]` (0x5d): one level up; back at the start's level, the value ends here.
        (if (i32.eq (i32.or (local.get $b) (i32.const 0x20)) (i32.const 0x7d))
          (then
            (local.set $depth (i32.sub (local.get $depth) (i32.const 1)))
            (if (i32.eqz (local.get $depth))
              (then (return (local.get $i))))))
        (br $next)))
    (i32.const -1))
)
