{{ preamble }}
