"""Quiz mode: a trainee works through a workshop pack; hits and names stay hidden until an answer is committed."""
