import asyncio
from typing import List

from payrail.aio import AsyncPayrail, async_auto_paging_iter
from payrail_api.models import CreateCustomerDto, CreatePaymentIntentDto

from .conftest import Sandbox


def test_the_async_client_pays_concurrently_and_pages(sandbox: Sandbox) -> None:
    async def scenario() -> List[str]:
        async with AsyncPayrail(sandbox.url, api_key=sandbox.secret_key) as client:
            customer = await client.customers.post_customers(CreateCustomerDto(email="async@example.com"))
            intents = await asyncio.gather(
                *(
                    client.payment_intents.post_payment_intents(
                        CreatePaymentIntentDto(amount=400 + n, currency="usd", customer=customer.id, payment_method="pm_card_visa", confirm=True)
                    )
                    for n in range(3)
                )
            )
            assert [intent.status for intent in intents] == ["succeeded"] * 3
            listed = [intent.id async for intent in async_auto_paging_iter(client.payment_intents.get_payment_intents, customer=customer.id, limit=2)]
            assert sorted(listed) == sorted(intent.id for intent in intents)
            return listed

    assert len(asyncio.run(scenario())) == 3
