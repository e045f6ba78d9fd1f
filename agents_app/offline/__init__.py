"""The offline model: a deterministic `agents.Model` that streams real Responses-API events."""
