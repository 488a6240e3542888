package dev.payrail;

import dev.payrail.api.ApiException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Iterating a whole list: Stripe-style cursor pages ({@code has_more}, {@code starting_after} = the last item's id).
 *
 * <pre>{@code
 * for (PaymentIntentResource intent : Pagination.autoPaging(
 *     after -> payrail.paymentIntents.getPaymentIntents(null, null, customerId, 100, after, null),
 *     GetPaymentIntents200Response::getData, GetPaymentIntents200Response::getHasMore,
 *     PaymentIntentResource::getId)) { ... }
 * }</pre>
 */
public final class Pagination {
  private Pagination() {}

  /** Fetches the page after the given item id (null for the first page). */
  @FunctionalInterface
  public interface PageFetcher<P> {
    P fetch(String startingAfter) throws ApiException;
  }

  /** Thrown by the iterator when fetching a page fails; {@link #getCause()} is the typed error. */
  public static final class PageFetchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PageFetchException(ApiException cause) {
      super(cause.getMessage(), cause);
    }

    @Override
    public synchronized ApiException getCause() {
      return (ApiException) super.getCause();
    }
  }

  /** Every item of a list operation, page after page, fetched lazily as the iteration reaches it. */
  public static <P, T> Iterable<T> autoPaging(PageFetcher<P> fetcher, Function<P, List<T>> data,
      Predicate<P> hasMore, Function<T, String> id) {
    return () -> new Iterator<T>() {
      private Iterator<T> page = null;
      private boolean more = true;
      private String after = null;

      @Override
      public boolean hasNext() {
        while ((page == null || !page.hasNext()) && more) {
          P fetched;
          try {
            fetched = fetcher.fetch(after);
          } catch (ApiException failure) {
            throw new PageFetchException(failure);
          }
          List<T> items = data.apply(fetched);
          page = items.iterator();
          more = hasMore.test(fetched) && !items.isEmpty();
          if (!items.isEmpty()) {
            after = id.apply(items.get(items.size() - 1));
          }
        }
        return page != null && page.hasNext();
      }

      @Override
      public T next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return page.next();
      }
    };
  }

  /** {@link #autoPaging} as a sequential stream. */
  public static <P, T> Stream<T> stream(PageFetcher<P> fetcher, Function<P, List<T>> data, Predicate<P> hasMore,
      Function<T, String> id) {
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(autoPaging(fetcher, data, hasMore, id).iterator(), Spliterator.ORDERED),
        false);
  }
}
