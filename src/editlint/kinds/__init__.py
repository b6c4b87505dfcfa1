"""Rule kinds: the Python behind YAML rules. Every ``Kind`` subclass with a ``KIND`` name in a
module of this package is registered by the built-in plugin."""
