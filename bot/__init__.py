"""The interfaces of xiaoer: the Telegram bot, the command line and the assist service."""
